package io.crmpulse.ingest;

/** Why a record was rejected; the code travels in the dead-letter record. */
public enum Reason {
    /** The line could not be parsed (wrong column count, unterminated quote, invalid JSON). */
    MALFORMED,
    /** Bytes not valid in the mapping's encoding. */
    MALFORMED_ENCODING,
    /** A required field is empty or absent. */
    MISSING_REQUIRED,
    /** A value does not convert to its field's type (number, decimal, boolean, timestamp). */
    WRONG_TYPE,
    /** An amount below zero. */
    NEGATIVE_AMOUNT,
    /** A value with no event type in the mapping's value map. */
    UNKNOWN_ENUM,
    /** Event time before 1990 or further ahead than ingest.max-future. */
    TIME_OUT_OF_RANGE,
    /** A text longer than the limit (2 KB). */
    OVERSIZE_TEXT,
    /** An event id seen before in this run with different content. */
    DUPLICATE_EVENT_ID
}
