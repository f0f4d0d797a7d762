package io.crmpulse.app;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until Ctrl-C or SIGTERM, then closes what it started (the JVM's
 * shutdown hook) before the process ends.
 */
final class RunUntilStopped {

    private static volatile boolean running;

    private RunUntilStopped() {
    }

    static boolean running() {
        return running;
    }

    /** {@code beforeClose} stops what feeds the resource; {@code afterClose} removes what it leaves. */
    static void await(AutoCloseable resource, Runnable beforeClose, Runnable afterClose) {
        running = true;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping CRM Pulse ...");
            try {
                beforeClose.run();
                resource.close();
                afterClose.run();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "pulse-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
