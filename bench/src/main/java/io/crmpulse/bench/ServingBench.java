package io.crmpulse.bench;

import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.SpendModel;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.Assignment;
import io.crmpulse.state.ContactInstant;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.figures.CustomerFigures;
import io.crmpulse.streams.figures.Period;
import io.crmpulse.streams.lifecycle.CustomerStatus;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.CustomerRisk;
import io.crmpulse.streams.risk.PurchaseSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What serving 1M customers over 24 months costs on this machine, for the parts of the API that do not
 * read per-group counters: the size of the customer state the lifecycle keeps, and the work of one pass
 * over every customer (decode, lifecycle state, purchase summary, risk score), which is what an at-risk
 * list and a fit do per request (RocksDB iteration not included); the contact {@code attention} counts read counters.
 * Period figures read per-day counters instead; their cost for one group over 24 months is measured too.
 */
final class ServingBench {

    private ServingBench() {
    }

    static void run(int customers, Map<String, Object> out) {
        Random random = new Random(7);
        SerdeFactory serdes = SerdeFactory.named(null, Map.of());
        Serializer<CustomerState> serializer = serdes.valueSerde(CustomerState.class).serializer();
        Deserializer<CustomerState> deserializer = serdes.valueSerde(CustomerState.class).deserializer();
        Instant start = Instant.parse("2023-01-01T00:00:00Z");
        Instant asOf = Instant.parse("2025-01-01T00:00:00Z");
        long span = asOf.toEpochMilli() - start.toEpochMilli();
        List<byte[]> states = new ArrayList<>(customers);
        long bytes = 0;
        long activities = 0;
        for (int c = 0; c < customers; c++) {
            int n = 1 + (int) (-Math.log(1 - random.nextDouble()) * 5);
            TreeSet<Long> instants = new TreeSet<>();
            while (instants.size() < n) {
                instants.add(start.toEpochMilli() + (long) (random.nextDouble() * span) / 1000 * 1000);
            }
            List<ActivityInstant> activity = new ArrayList<>();
            for (long at : instants) {
                activity.add(new ActivityInstant(Instant.ofEpochMilli(at), 1, BigDecimal.valueOf(random.nextInt(100_000), 2).setScale(4)));
            }
            activities += n;
            Instant first = activity.get(0).getAt();
            String office = "O" + random.nextInt(6);
            CustomerState state = CustomerState.newBuilder().setCustomerId(String.format("C%07d", c)).setFirstSeen(first).setActivity(activity)
                    .setOffice(new ArrayList<>(List.of(new Assignment(first, office, false))))
                    .setStaff(new ArrayList<>(List.of(new Assignment(first, office + "-" + random.nextInt(3), false))))
                    .setSegment(new ArrayList<>(List.of(new Assignment(first, random.nextBoolean() ? "A" : "B", true))))
                    .setContacts(new ArrayList<>(List.of(new ContactInstant(first, null)))).setRecognizedUntil(asOf).setDueAt(null).build();
            byte[] encoded = serializer.serialize("bench", state);
            bytes += encoded.length;
            states.add(encoded);
        }
        out.put("serving_customers", customers);
        out.put("serving_activities_per_customer", Math.round(activities * 100.0 / customers) / 100.0);
        out.put("customer_state_bytes_per_customer", bytes / customers);
        out.put("customer_state_mb", Math.round(bytes / 1e6));

        LifecycleSettings settings = LifecycleSettings.defaults();
        ChurnRiskModel model = new ChurnRiskModel("bg-nbd", 0.25, 4.0, 0.8, 2.5, 0.0, 0L, new SpendModel(6.0, 4.0, 15.0, 0L), asOf, asOf);
        long best = Long.MAX_VALUE;
        double sink = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (byte[] encoded : states) {
                CustomerState state = deserializer.deserialize("bench", encoded);
                CustomerStatus status = CustomerStatus.of(state, asOf, settings);
                var summary = PurchaseSummary.of(state, asOf, ZoneOffset.UTC);
                if (summary.isPresent() && status.state() != CustomerStatus.State.PROSPECT) {
                    sink += CustomerRisk.of(summary.get(), model, 13).riskScore();
                }
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        out.put("scan_all_customer_states_ms", Math.round(best / 1e6));
        Bench.log("serving checksum " + sink);

        // One group's per-day counters over 24 months, and its monthly rows.
        Map<LocalDate, CustomerFlows> days = new TreeMap<>();
        for (LocalDate d = LocalDate.parse("2023-01-01"); d.isBefore(LocalDate.parse("2025-01-01")); d = d.plusDays(1)) {
            days.put(d, new CustomerFlows(d, (long) random.nextInt(500), (long) random.nextInt(50), (long) random.nextInt(400), 0L, 0L, 0L, 0L, 0L, 0L));
        }
        CustomerFigures figures = new CustomerFigures(ZoneOffset.UTC);
        long bestRows = Long.MAX_VALUE;
        for (int round = 0; round < 50; round++) {
            long t0 = System.nanoTime();
            sink += figures.rows("all", days, Map.of(), Period.parse("month"), null, null, asOf).size();
            bestRows = Math.min(bestRows, System.nanoTime() - t0);
        }
        out.put("monthly_rows_24_months_one_group_us", Math.round(bestRows / 1e3));
    }
}
