package io.migrate.example.boot;

import io.migrate.spring.test.MigratedTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Repository tests on a migrated clone of their own, as an application's tests would use the testkit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@MigratedTestDatabase
class TaskRepositoryIT {

    @Autowired
    TaskRepository tasks;

    @Test
    void openTasksByPriority() {
        Task low = tasks.save(new Task("low", 1));
        tasks.save(new Task("high", 9));
        Task closed = new Task("closed", 5);
        closed.markDone();
        tasks.save(closed);
        assertThat(tasks.findByDoneFalseOrderByPriorityDescIdAsc()).extracting(Task::getTitle).containsExactly("high", "low");
        assertThat(low.getId()).isPositive();
    }
}
