package io.crmpulse.streams.lifecycle;

/** The transitions counted per group and day (METRICS.md section 3: N, R, C, TI, TO). */
enum Flow {
    NEW, REACTIVATED, CHURNED, TRANSFERRED_IN, TRANSFERRED_OUT
}
