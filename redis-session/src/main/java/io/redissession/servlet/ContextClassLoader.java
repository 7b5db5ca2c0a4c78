package io.redissession.servlet;

/** Runs code from this library's own threads with the web application's class loader, as containers do. */
final class ContextClassLoader {

    private ContextClassLoader() {
    }

    static void run(ClassLoader loader, Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
