package io.tributary.http.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CassettesTest {

  @Test
  void theReplayKeyDoesNotDependOnTheOrderOfQueryParameters() {
    UnaryOperator<String> none = UnaryOperator.identity();
    String a = Cassettes.key("get", "https://x.test/r/new?raw_json=1&limit=100", null, none);
    String b = Cassettes.key("GET", "https://x.test/r/new?limit=100&raw_json=1", null, none);
    assertThat(a).isEqualTo(b);
    // repeated names keep their relative order: a=2&a=1 is another request than a=1&a=2
    assertThat(Cassettes.sortedQuery("https://x.test/p?b=1&a=2&a=1"))
        .isEqualTo("https://x.test/p?a=2&a=1&b=1");
    assertThat(Cassettes.sortedQuery("https://x.test/p")).isEqualTo("https://x.test/p");
    assertThat(Cassettes.key("GET", "https://x.test/p?a=1", null, none))
        .isNotEqualTo(Cassettes.key("GET", "https://x.test/p?a=2", null, none));
  }

  @Test
  void theBodyAndTheScrubbedSecretsArePartOfTheKey() {
    UnaryOperator<String> scrub = s -> s.replace("hunter2", "******");
    byte[] body = "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8);
    assertThat(Cassettes.key("POST", "https://x.test/token?key=hunter2", body, scrub))
        .isEqualTo(Cassettes.key("POST", "https://x.test/token?key=******", body, s -> s))
        .isNotEqualTo(Cassettes.key("POST", "https://x.test/token?key=******", null, s -> s));
  }
}
