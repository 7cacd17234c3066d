package dev.lilcom.lhotse;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves a manifest's {@code storage_path} values. lhotse opens a relative path against the
 * working directory (icefall manifests in {@code data/fbank/} name
 * {@code data/fbank/feats.lca}); corpora written with paths relative to the manifest exist too.
 * So by default a relative path is looked for in the working directory, then in the manifest's
 * folder; an explicit storage root replaces both. URLs and absolute paths are taken as they are.
 * Each distinct path is looked up once. Not thread-safe (one per manifest reader).
 */
final class StoragePaths {
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private final List<Path> bases;
    private final Map<String, Resolved> cache = new HashMap<>();

    /** A resolved {@code storage_path}: the path chosen and every path considered, in order. */
    record Resolved(Path path, List<Path> tried) {}

    private StoragePaths(List<Path> bases) {
        this.bases = bases;
    }

    /** lhotse's rule, then the manifest's folder. */
    static StoragePaths workingDirectoryThen(Path manifestFolder) {
        return workingDirectoryThen(Path.of("").toAbsolutePath(), manifestFolder);
    }

    /** lhotse's rule with the given working directory, then the manifest's folder. */
    static StoragePaths workingDirectoryThen(Path workingDirectory, Path manifestFolder) {
        Path cwd = workingDirectory.toAbsolutePath();
        Path folder = manifestFolder.toAbsolutePath();
        return new StoragePaths(cwd.normalize().equals(folder.normalize()) ? List.of(cwd) : List.of(cwd, folder));
    }

    /** Everything relative resolves against {@code root}. */
    static StoragePaths under(Path root) {
        return new StoragePaths(List.of(root));
    }

    /** Whether a {@code storage_path} is a URL ({@code scheme://...}). */
    static boolean isUrl(String path) {
        return URL.matcher(path).matches();
    }

    Resolved resolve(String raw) {
        Resolved known = cache.get(raw);
        if (known == null) {
            known = lookUp(raw);
            cache.put(raw, known);
        }
        return known;
    }

    private Resolved lookUp(String raw) {
        if (raw.isEmpty() || isUrl(raw)) {
            return new Resolved(Path.of(""), List.of());
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("storage_path \"" + raw + "\" is not a valid path: " + e.getMessage());
        }
        if (path.isAbsolute()) {
            return new Resolved(path, List.of(path));
        }
        List<Path> tried = new ArrayList<>();
        for (Path base : bases) {
            tried.add(base.resolve(path));
        }
        for (Path candidate : tried) {
            if (Files.exists(candidate)) {
                return new Resolved(candidate, tried);
            }
        }
        return new Resolved(tried.get(0), tried);
    }
}
