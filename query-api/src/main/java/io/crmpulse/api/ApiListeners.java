package io.crmpulse.api;

import java.util.Map;

/**
 * The HTTP server's two listeners as Micronaut properties: the public one on {@code port} (every interface), and the
 * internal one for other instances, bound to the advertised host only.
 */
public final class ApiListeners {

    private ApiListeners() {
    }

    public static Map<String, Object> properties(int publicPort, ApiSettings.Internal internal) {
        if (publicPort == internal.port()) {
            throw new IllegalArgumentException("the public port and the internal port are both " + publicPort + "; they must differ");
        }
        return Map.of(
                "micronaut.server.netty.listeners.public.port", publicPort,
                "micronaut.server.netty.listeners.internal.port", internal.port(),
                "micronaut.server.netty.listeners.internal.host", internal.host());
    }
}
