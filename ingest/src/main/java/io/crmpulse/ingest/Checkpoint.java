package io.crmpulse.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where an interrupted run stopped: for each of its files, how many leading records are done (published
 * or dead-lettered and acknowledged by the broker). {@code --resume} skips exactly those; records after
 * them that happened to be acknowledged too are sent again, and the streams drop them as duplicates by
 * event id. A checkpoint belongs to one set of files: sizes and modification times must still match.
 */
public record Checkpoint(String source, List<FileProgress> files) {

    public record FileProgress(String path, long size, long modified, long done) {
    }

    /** Progress zero for each file, as they are now. */
    public static Checkpoint start(String source, List<Path> paths) {
        List<FileProgress> files = new ArrayList<>();
        for (Path p : paths) {
            files.add(new FileProgress(p.toAbsolutePath().toString(), size(p), modified(p), 0));
        }
        return new Checkpoint(source, files);
    }

    public long done(int file) {
        return files.get(file).done();
    }

    public Checkpoint withDone(int file, long done) {
        List<FileProgress> updated = new ArrayList<>(files);
        FileProgress f = files.get(file);
        updated.set(file, new FileProgress(f.path(), f.size(), f.modified(), done));
        return new Checkpoint(source, updated);
    }

    /** The problem that keeps this checkpoint from applying to {@code paths} now, or null when it applies. */
    public String mismatch(String source, List<Path> paths) {
        if (!this.source.equals(source)) {
            return "it was written for source " + this.source + ", not " + source;
        }
        Checkpoint now = start(source, paths);
        for (int i = 0; i < Math.max(files.size(), now.files.size()); i++) {
            if (i >= files.size() || i >= now.files.size() || !files.get(i).path().equals(now.files.get(i).path())) {
                return "it was written for the files " + files.stream().map(FileProgress::path).toList();
            }
            if (files.get(i).size() != now.files.get(i).size() || files.get(i).modified() != now.files.get(i).modified()) {
                return files.get(i).path() + " has changed since";
            }
        }
        return null;
    }

    public void save(Path to) {
        Properties p = new Properties();
        p.setProperty("source", source);
        p.setProperty("files", Integer.toString(files.size()));
        for (int i = 0; i < files.size(); i++) {
            FileProgress f = files.get(i);
            p.setProperty("file." + i + ".path", f.path());
            p.setProperty("file." + i + ".size", Long.toString(f.size()));
            p.setProperty("file." + i + ".modified", Long.toString(f.modified()));
            p.setProperty("file." + i + ".done", Long.toString(f.done()));
        }
        try {
            Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "pulse ingest checkpoint: records done per file; resume with --resume");
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + to, e);
        }
    }

    public static Checkpoint load(Path from) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + from, e);
        }
        try {
            List<FileProgress> files = new ArrayList<>();
            int n = Integer.parseInt(p.getProperty("files"));
            for (int i = 0; i < n; i++) {
                files.add(new FileProgress(p.getProperty("file." + i + ".path"), Long.parseLong(p.getProperty("file." + i + ".size")),
                        Long.parseLong(p.getProperty("file." + i + ".modified")), Long.parseLong(p.getProperty("file." + i + ".done"))));
            }
            return new Checkpoint(p.getProperty("source"), files);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the checkpoint " + from + " is damaged: " + e.getMessage(), e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
