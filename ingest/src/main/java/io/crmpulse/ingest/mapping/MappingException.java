package io.crmpulse.ingest.mapping;

/** A mapping file that cannot be used; the message names the file, the line and the key. */
public final class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }
}
