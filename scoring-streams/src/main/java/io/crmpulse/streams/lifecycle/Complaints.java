package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.Envelope;
import io.crmpulse.state.Complaint;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.Resolution;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A customer's complaints as their events tell them, in any arrival order, and their counts (METRICS.md section 4). */
final class Complaints {

    private final CustomerState state;
    private final Timelines timelines;
    private final LifecycleSettings settings;

    Complaints(CustomerState state, Timelines timelines, LifecycleSettings settings) {
        this.state = state;
        this.timelines = timelines;
        this.settings = settings;
    }

    /** One complaint event applied to its complaint, whatever order the complaint's events come in. */
    void apply(ComplaintEvent event) {
        Envelope envelope = event.getEnvelope();
        Instant at = envelope.getOccurredAt();
        List<Complaint> complaints = state.getComplaints();
        Complaint complaint = complaints.stream().filter(c -> c.getComplaintId().equals(event.getComplaintId())).findFirst()
                .orElseGet(() -> {
                    Complaint c = new Complaint(event.getComplaintId(), null, null, null, new ArrayList<>(), new ArrayList<>());
                    complaints.add(c);
                    return c;
                });
        switch (event.getType()) {
            case OPENED -> {
                if (complaint.getOpenedAt() == null || at.isBefore(complaint.getOpenedAt())) {
                    complaint.setOpenedAt(at);
                    complaint.setOfficeId(envelope.getOfficeId());
                    complaint.setStaffId(envelope.getStaffId());
                }
            }
            case RESOLVED -> {
                List<Resolution> resolutions = complaint.getResolutions();
                int i = 0;
                while (i < resolutions.size() && !resolutions.get(i).getAt().isAfter(at)) {
                    i++;
                }
                resolutions.add(i, new Resolution(at, event.getSatisfied()));
            }
            case REOPENED -> {
                List<Instant> reopens = complaint.getReopens();
                int i = 0;
                while (i < reopens.size() && !reopens.get(i).isAfter(at)) {
                    i++;
                }
                reopens.add(i, at);
            }
        }
    }

    /**
     * The complaint counts of this customer. A complaint counts in the groups its customer belonged to when it was
     * opened (or, before its OPENED event has arrived, at its first event); where the customer had no office or staff
     * then, in the office and staff the OPENED event names.
     */
    ComplaintTally tally() {
        ComplaintTally tally = new ComplaintTally();
        for (Complaint c : state.getComplaints()) {
            for (String group : timelines.groupsAt(anchor(c).toEpochMilli(), c.getOfficeId(), c.getStaffId())) {
                count(tally, group, c);
            }
        }
        return tally;
    }

    /** The instant whose groups a complaint counts in: its opening, or before that has arrived, its first event. */
    private static Instant anchor(Complaint c) {
        List<Resolution> resolutions = c.getResolutions();
        return c.getOpenedAt() != null ? c.getOpenedAt() : !resolutions.isEmpty() ? resolutions.get(0).getAt() : c.getReopens().get(0);
    }

    private void count(ComplaintTally tally, String group, Complaint c) {
        if (c.getOpenedAt() != null) {
            tally.add(group, day(c.getOpenedAt()), ComplaintTally.Count.OPENED);
        }
        for (int i = 0; i < c.getResolutions().size(); i++) {
            Resolution r = c.getResolutions().get(i);
            LocalDate day = day(r.getAt());
            tally.add(group, day, ComplaintTally.Count.RESOLVED);
            if (r.getSatisfied() != null) {
                tally.add(group, day, ComplaintTally.Count.ANSWERED);
                if (r.getSatisfied()) {
                    tally.add(group, day, ComplaintTally.Count.SATISFIED);
                }
            }
            // Time to resolve runs from the opening to the first resolution; a resolution stamped before
            // the opening (clocks of two systems) has no meaningful duration and is left out of it.
            if (i == 0 && c.getOpenedAt() != null && !r.getAt().isBefore(c.getOpenedAt())) {
                long millis = r.getAt().toEpochMilli() - c.getOpenedAt().toEpochMilli();
                tally.add(group, day, ComplaintTally.Count.FIRST_RESOLVED);
                tally.addResolveTime(group, day, millis);
                if (millis <= settings.resolveSla().toMillis()) {
                    tally.add(group, day, ComplaintTally.Count.SLA_MET);
                }
            }
        }
        for (Instant reopen : c.getReopens()) {
            tally.add(group, day(reopen), ComplaintTally.Count.REOPENED);
        }
    }

    private LocalDate day(Instant at) {
        return settings.day(at.toEpochMilli());
    }

    /**
     * Drops each complaint that was resolved and whose events all lie before {@code until}; should it be reopened
     * after all, it counts anew in the customer's groups of then. Returns the earliest instant whose groups a
     * complaint kept still reads ({@code until} when none reads an earlier one).
     */
    long settle(long until) {
        // A copy: the lists a state store hands out do not support removal by iterator.
        state.setComplaints(new ArrayList<>(state.getComplaints().stream()
                .filter(c -> c.getOpenedAt() == null || c.getResolutions().isEmpty() || lastInstant(c) >= until).toList()));
        long read = until;
        for (Complaint c : state.getComplaints()) {
            read = Math.min(read, anchor(c).toEpochMilli());
        }
        return read;
    }

    private static long lastInstant(Complaint c) {
        long last = c.getOpenedAt().toEpochMilli();
        for (Resolution r : c.getResolutions()) {
            last = Math.max(last, r.getAt().toEpochMilli());
        }
        for (Instant reopen : c.getReopens()) {
            last = Math.max(last, reopen.toEpochMilli());
        }
        return last;
    }
}
