package io.tributary.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The API's admin token, kept in {@code <data-dir>/admin.token}, readable and writable by the owner
 * only ({@code rw-------}). Created with 256 random bits on first start; an existing file whose
 * permissions are wider is narrowed. The token itself is never logged, printed or put in an error.
 *
 * <p>Immutable and thread-safe; {@link #matches} compares in constant time.
 */
public final class AdminToken {
  public static final String FILE_NAME = "admin.token";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final byte[] digest;
  private final boolean created;

  private AdminToken(Path file, String token, boolean created) {
    this.file = file;
    this.digest = sha256(token);
    this.created = created;
  }

  /**
   * Reads the token from {@code dataDir/admin.token}, creating the file with a new random token
   * when it does not exist.
   *
   * @throws UncheckedIOException when the file can be neither read nor created; the message says
   *     which path and what to check
   */
  public static AdminToken loadOrCreate(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        narrowPermissions(file);
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < 16) {
          throw new IllegalStateException(
              file
                  + " holds no usable token (it must have at least 16 characters); delete it and"
                  + " restart to get a new one");
        }
        return new AdminToken(file, token, false);
      }
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      String token = "trb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.deleteIfExists(tmp);
      if (supportsPosix(file.getParent())) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(tmp);
        return loadOrCreate(dataDir);
      }
      return new AdminToken(file, token, true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the admin token file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); check that the data directory is writable",
          e);
    }
  }

  /** A token held in memory only (tests). */
  public static AdminToken of(String token) {
    return new AdminToken(null, token, false);
  }

  /** Where the token is, to tell the user; {@code null} for an in-memory token. */
  public Path file() {
    return file;
  }

  /** Whether this start created the token file. */
  public boolean created() {
    return created;
  }

  /** Whether {@code presented} is the token; takes the same time whatever it is. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  @Override
  public String toString() {
    return "AdminToken[" + (file == null ? "in memory" : file) + "]";
  }

  private static void narrowPermissions(Path file) throws IOException {
    if (!supportsPosix(file.getParent())) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!perms.equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean supportsPosix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
