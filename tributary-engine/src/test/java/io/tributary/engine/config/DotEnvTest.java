package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

  @Test
  void readsBareQuotedAndExportedValues() {
    List<String> problems = new ArrayList<>();
    Map<String, String> env =
        DotEnv.parse(
            """
            # comment
              INDENTED = spaced value  # comment
            export EXPORTED=yes
            HASH=a#b
            DOUBLE="x \\"quoted\\" \\\\ \\t$" # c
            SINGLE='no \\n escapes'
            EMPTY=
            EQUALS=a=b
            """,
            (line, column, message) -> problems.add(line + ":" + column + " " + message));

    assertThat(problems).isEmpty();
    assertThat(env)
        .containsEntry("INDENTED", "spaced value")
        .containsEntry("EXPORTED", "yes")
        .containsEntry("HASH", "a#b")
        .containsEntry("DOUBLE", "x \"quoted\" \\ \t$")
        .containsEntry("SINGLE", "no \\n escapes")
        .containsEntry("EMPTY", "")
        .containsEntry("EQUALS", "a=b")
        .hasSize(7);
  }

  @Test
  void reportsEveryMalformedLineAndKeepsTheOthers() {
    List<String> problems = new ArrayList<>();
    Map<String, String> env =
        DotEnv.parse(
            "A=1\nnoequals\n=value\nB='open\nC=3\r\nD=\"x\" trailing\n",
            (line, column, message) -> problems.add(line + ":" + column));

    assertThat(problems).containsExactly("2:1", "3:1", "4:3", "6:3");
    assertThat(env).containsOnlyKeys("A", "C").containsEntry("C", "3");
  }
}
