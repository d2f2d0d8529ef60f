package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  @TempDir Path dir;

  @Test
  void firstStartWritesARandomTokenReadableOnlyByTheOwner() throws Exception {
    AdminToken t = AdminToken.loadOrCreate(dir.resolve("data"));
    assertThat(t.created()).isTrue();
    Path file = dir.resolve("data/admin.token");
    assertThat(t.file()).isEqualTo(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String token = Files.readString(file).trim();
    assertThat(token).startsWith("trb_").hasSizeGreaterThan(40);
    assertThat(t.matches(token)).isTrue();
    assertThat(t.matches(token + "x")).isFalse();
    assertThat(t.matches("")).isFalse();
    assertThat(t.matches(null)).isFalse();
    assertThat(t.toString()).doesNotContain(token);
    assertThat(dir.resolve("data/admin.token.tmp")).doesNotExist();
  }

  @Test
  void laterStartsReuseTheTokenAndNarrowWidenedPermissions() throws Exception {
    AdminToken first = AdminToken.loadOrCreate(dir);
    Path file = dir.resolve("admin.token");
    String token = Files.readString(file).trim();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    AdminToken second = AdminToken.loadOrCreate(dir);
    assertThat(second.created()).isFalse();
    assertThat(second.matches(token)).isTrue();
    assertThat(first.matches(token)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void twoDataDirectoriesGetDifferentTokens() throws Exception {
    AdminToken.loadOrCreate(dir.resolve("x"));
    AdminToken.loadOrCreate(dir.resolve("y"));
    assertThat(Files.readString(dir.resolve("x/admin.token")))
        .isNotEqualTo(Files.readString(dir.resolve("y/admin.token")));
  }
}
