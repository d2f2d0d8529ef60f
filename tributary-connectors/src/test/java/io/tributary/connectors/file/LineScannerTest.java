package io.tributary.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineScannerTest {

  record Line(long number, long offset, long next, String text) {}

  @Test
  void linesCarryTheirNumberByteOffsetAndNextOffset() throws IOException {
    byte[] in = "\uFEFFab\r\né\n\nlast".getBytes(StandardCharsets.UTF_8);

    List<Line> lines = scan(new ByteArrayInputStream(in), 0, 1);

    assertThat(lines)
        .containsExactly(
            new Line(1, 0, 7, "ab"), // BOM (3 bytes) is not part of the text but of the offsets
            new Line(2, 7, 10, "é"),
            new Line(3, 10, 11, ""),
            new Line(4, 11, 15, "last"));
  }

  @Test
  void scanningFromAnOffsetContinuesTheNumbering() throws IOException {
    byte[] all = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
    InputStream rest = new ByteArrayInputStream(all, 4, all.length - 4);

    assertThat(scan(rest, 4, 2))
        .containsExactly(new Line(2, 4, 8, "two"), new Line(3, 8, 14, "three"));
  }

  @Test
  void linesLongerThanTheBufferAndReadsInSmallPiecesWork() throws IOException {
    String longLine = "x".repeat(3 << 20);
    byte[] in = (longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8);
    InputStream trickle =
        new ByteArrayInputStream(in) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1000));
          }
        };

    List<Line> lines = scan(trickle, 0, 1);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).text()).isEqualTo(longLine);
    assertThat(lines.get(1)).isEqualTo(new Line(2, (3 << 20) + 1, (3 << 20) + 7, "short"));
  }

  @Test
  void decodeCutsAtACharacterBoundary() {
    byte[] b = "aé".getBytes(StandardCharsets.UTF_8); // 61 C3 A9

    assertThat(LineScanner.decode(b, 0, b.length, 2)).isEqualTo("a");
    assertThat(LineScanner.decode(b, 0, b.length, 3)).isEqualTo("aé");
  }

  private static List<Line> scan(InputStream in, long offset, long firstLine) throws IOException {
    LineScanner s = new LineScanner(in, offset, firstLine);
    List<Line> out = new ArrayList<>();
    while (s.next()) {
      out.add(new Line(s.lineNumber(), s.lineOffset(), s.nextOffset(), s.text(Integer.MAX_VALUE)));
    }
    return out;
  }
}
