package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenEventIdsTest {

    @Test
    void shouldRememberEveryIdWithItsRawHashAcrossGrowth() {
        SeenEventIds seen = new SeenEventIds();
        int n = 300_000; // several times the initial table, so it grows and rehashes
        for (int i = 0; i < n; i++) {
            assertThat(seen.remember("order-" + i, i * 31)).isEqualTo(SeenEventIds.NEW);
        }
        for (int i = 0; i < n; i++) {
            assertThat(seen.remember("order-" + i, 7)).as("order-%d", i).isEqualTo(i * 31L);
        }
        assertThat(seen.remember("order-" + n, 7)).isEqualTo(SeenEventIds.NEW);
    }
}
