package io.crmpulse.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks, before anything starts, that the ports a command will listen on are free. */
final class Ports {

    private Ports() {
    }

    /** The problem with {@code port}, or null when it can be bound on 127.0.0.1. */
    static String problem(int port, String option) {
        if (port < 1 || port > 65_535) {
            return option + " " + port + " is not a port number";
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return null;
        } catch (IOException e) {
            return "port " + port + " is in use (another CRM Pulse or Kafka?): stop it or choose another with " + option;
        }
    }
}
