package io.crmpulse.app;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps a long-running command alive until Ctrl-C or SIGTERM, then closes what it started (the JVM's shutdown hook)
 * before the process ends; or until the streams fail for good, when it closes the same way and the command exits
 * with {@link #STREAMS_FAILED}, so that a supervisor restarts the process instead of leaving it up and useless.
 */
final class RunUntilStopped {

    /** Exit code when the streams client reached ERROR (EX_SOFTWARE of sysexits.h). */
    static final int STREAMS_FAILED = 70;

    private static volatile boolean running;

    private RunUntilStopped() {
    }

    static boolean running() {
        return running;
    }

    /**
     * {@code beforeClose} stops what feeds the runtime; {@code afterClose} removes what it leaves. Returns 0 after a
     * stop by signal (the JVM is ending then), {@link #STREAMS_FAILED} once the streams failed.
     */
    static int await(PulseRuntime runtime, Runnable beforeClose, Runnable afterClose) {
        running = true;
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            System.err.println("stopping CRM Pulse ...");
            stop(runtime, beforeClose, afterClose);
            ended.complete(0);
        }, "pulse-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Not on the thread that reports the failure: that may be a stream thread, which must not close its own client.
        runtime.streamsFailure().thenAcceptAsync(reason -> {
            if (Runtime.getRuntime().removeShutdownHook(hook)) {
                System.err.println("the streams failed (" + reason + "); stopping CRM Pulse with exit code " + STREAMS_FAILED);
                stop(runtime, beforeClose, afterClose);
                ended.complete(STREAMS_FAILED);
            }
        });
        return ended.join();
    }

    private static void stop(PulseRuntime runtime, Runnable beforeClose, Runnable afterClose) {
        try {
            beforeClose.run();
            runtime.close();
            afterClose.run();
        } catch (RuntimeException e) {
            System.err.println("error while stopping: " + e);
        }
    }
}
