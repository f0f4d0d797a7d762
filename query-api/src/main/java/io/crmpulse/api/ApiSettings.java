package io.crmpulse.api;

import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.RiskSettings;
import java.util.List;
import java.util.Optional;

/**
 * What the API needs from the application's configuration: its keys, this instance's advertised
 * {@code host:port} (the streams' {@code application.server}) to tell local from remote stores, the
 * lifecycle settings (windows, and {@code analytics.zone} in which periods are cut) and the risk settings.
 */
public record ApiSettings(List<ApiKey> keys, String advertisedServer, LifecycleSettings lifecycle, RiskSettings risk) {

    public java.time.ZoneId zone() {
        return lifecycle.zone();
    }


    public ApiSettings {
        keys = List.copyOf(keys);
    }


    Optional<ApiKey> keyFor(String plain) {
        String hash = ApiKey.hash(plain);
        return keys.stream().filter(k -> java.security.MessageDigest.isEqual(
                k.sha256().getBytes(java.nio.charset.StandardCharsets.US_ASCII), hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).findFirst();
    }
}
