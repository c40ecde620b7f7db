package io.migrate.example.boot;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** {@code GET /tasks} lists open tasks, {@code POST /tasks} adds one, {@code POST /tasks/{id}/done} closes one. */
@RestController
public class TaskController {

    private final TaskRepository tasks;

    public TaskController(TaskRepository tasks) {
        this.tasks = tasks;
    }

    public record NewTask(String title, int priority) {
    }

    public record TaskView(long id, String title, int priority, boolean done) {
        static TaskView of(Task task) {
            return new TaskView(task.getId(), task.getTitle(), task.getPriority(), task.isDone());
        }
    }

    @GetMapping("/tasks")
    public List<TaskView> open() {
        return tasks.findByDoneFalseOrderByPriorityDescIdAsc().stream().map(TaskView::of).toList();
    }

    @PostMapping("/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    public TaskView add(@RequestBody NewTask task) {
        if (task.title() == null || task.title().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "title must not be blank");
        }
        return TaskView.of(tasks.save(new Task(task.title().strip(), task.priority())));
    }

    @PostMapping("/tasks/{id}/done")
    @Transactional
    public TaskView done(@PathVariable("id") long id) {
        Task task = tasks.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no task " + id));
        task.markDone();
        return TaskView.of(task);
    }
}
