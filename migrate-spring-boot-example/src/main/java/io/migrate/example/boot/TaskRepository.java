package io.migrate.example.boot;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface TaskRepository extends JpaRepository<Task, Long> {

    List<Task> findByDoneFalseOrderByPriorityDescIdAsc();
}
