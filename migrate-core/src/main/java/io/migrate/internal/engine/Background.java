package io.migrate.internal.engine;

import java.util.function.Supplier;

/**
 * Work done on a thread of its own while the caller does something else; {@link #join()} waits for
 * it and gives its result, or throws what it threw. A plain thread rather than a pool: it runs once
 * per operation, and a pool's classes would cost a first call more than the thread does.
 */
final class Background<T> implements Runnable {

    private final Supplier<T> work;
    private final Thread thread;
    private T result;
    private Throwable failure;

    private Background(String name, Supplier<T> work) {
        this.work = work;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    static <T> Background<T> start(String name, Supplier<T> work) {
        Background<T> background = new Background<>(name, work);
        background.thread.start();
        return background;
    }

    @Override
    public void run() {
        try {
            result = work.get();
        } catch (Throwable e) {
            failure = e;
        }
    }

    /**
     * The result, once the work is done; an interrupt while waiting is kept for the caller to see,
     * since the work is short and leaving it running would leave its outcome unknown.
     */
    T join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return result;
    }
}
