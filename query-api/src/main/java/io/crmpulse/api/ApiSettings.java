package io.crmpulse.api;

import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.RiskSettings;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the API needs from the application's configuration: its keys, the internal listener other instances
 * reach this one at, the limits of one request, the lifecycle settings (windows, and {@code analytics.zone} in
 * which periods are cut), the risk settings and the scorecard's rules and month close.
 */
public record ApiSettings(List<ApiKey> keys, Internal internal, Limits limits, LifecycleSettings lifecycle, RiskSettings risk,
                          ScorecardSettings scorecard) {

    /**
     * The listener for instance-to-instance requests ({@code /internal/v1}): bound to {@code host} on {@code port},
     * which is also the streams' {@code application.server}; a request there must carry {@code secret}, shared by
     * every instance of the application, and no user key is accepted or sent.
     */
    public record Internal(String host, int port, String secret) {

        public Internal {
            String weakness = ApiKey.weakness(secret, "the instance secret");
            if (weakness != null) {
                throw new IllegalArgumentException(weakness);
            }
        }

        /** {@code host:port}, the streams' application.server. */
        public String server() {
            return host + ":" + port;
        }

        boolean secretIs(String presented) {
            return presented != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * What one request may read: {@code maxRows} rows of a figures answer, and {@code maxListCustomers} customers (and
     * prospects not churned) in the group of one at-risk list, which is ranked from all of them.
     */
    public record Limits(int maxRows, int maxListCustomers) {
        public static final Limits DEFAULT = new Limits(50_000, 100_000);
    }

    public ApiSettings {
        keys = List.copyOf(keys);
    }

    public ZoneId zone() {
        return lifecycle.zone();
    }

    Optional<ApiKey> keyFor(String plain) {
        return keys.stream().filter(k -> k.matches(plain)).findFirst();
    }
}
