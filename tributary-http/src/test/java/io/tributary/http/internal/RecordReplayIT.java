package io.tributary.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tributary.http.testing.Harness.local;
import static io.tributary.http.testing.Pages.data;
import static io.tributary.http.testing.Pages.items;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tributary.http.testing.Harness;
import io.tributary.spi.PermanentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final String MANIFEST =
      """
      name: demo
      description: Demo API
      base_url: https://api.example.com
      config:
        api_key: {required: true, secret: true}
      auth: {type: api_key, in: query, name: apikey, value: "{{ config.api_key }}"}
      streams:
        - name: items
          primary_key: id
          request: {path: /items}
          records: {path: /data}
          pagination: {type: cursor, token_pointer: /next, param: cursor}
      """;

  private static final String KEY = "live-key-8f3a9c";

  private void stubTwoPages() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("apikey", equalTo(KEY))
            .withQueryParam("cursor", com.github.tomakehurst.wiremock.client.WireMock.absent())
            .willReturn(okJson(data(items(0, 2), "next", "c2", "echo", KEY))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("apikey", equalTo(KEY))
            .withQueryParam("cursor", equalTo("c2"))
            .willReturn(okJson(data(items(2, 3)))));
  }

  @Test
  void aRecordedRunReplaysWithoutNetworkAndTheCassettesHoldNoSecret(@TempDir Path dir)
      throws IOException {
    stubTwoPages();
    Map<String, Object> config = local(wm.baseUrl(), "api_key", KEY);

    Harness.Result live =
        Harness.of(MANIFEST)
            .baseDir(dir)
            .options(Map.of("record_dir", "cassettes"))
            .read("items", config, Map.of())
            .orThrow();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir.resolve("cassettes"))) {
      files = s.sorted().toList();
    }
    wm.resetAll();
    Harness.Result replayed =
        Harness.of(MANIFEST)
            .baseDir(dir)
            .options(Map.of("replay_dir", "cassettes"))
            .read("items", config, Map.of())
            .orThrow();

    assertThat(files).hasSize(2);
    for (Path f : files) {
      String text = Files.readString(f);
      assertThat(text).doesNotContain(KEY).contains("******").contains("\"status\" : 200");
    }
    assertThat(replayed.records())
        .extracting(r -> r.data())
        .isEqualTo(live.records().stream().map(r -> r.data()).toList());
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void replayingARequestThatWasNeverRecordedFailsClearly(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Harness.Result r =
        Harness.of(MANIFEST)
            .baseDir(dir)
            .options(Map.of("replay_dir", "empty"))
            .read("items", local("https://api.example.com", "api_key", KEY), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("no recorded exchange")
        .hasMessageContaining("--record")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aMissingReplayFolderIsAConfigurationError(@TempDir Path dir) {
    Harness.Result r =
        Harness.of(MANIFEST)
            .baseDir(dir)
            .options(Map.of("replay_dir", "nowhere"))
            .read("items", local("https://api.example.com", "api_key", KEY), Map.of());

    assertThat(r.error())
        .isInstanceOf(io.tributary.spi.ConfigException.class)
        .hasMessageContaining("does not exist");
  }
}
