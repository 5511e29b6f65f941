package dev.cliproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict exposition-format parser accepts the format and refuses what breaks it. */
class PrometheusTextTest {
  private static final String GOOD =
      """
      # A comment that is neither HELP nor TYPE.
      # HELP http_requests_total Requests with a \\\\ backslash and a \\n line feed.
      # TYPE http_requests_total counter
      http_requests_total{method="post",code="200"} 1027 1395066363000
      http_requests_total{method="post",code="400",} 3
      http_requests_total{path="C:\\\\dir \\"quoted\\"\\nnext"} 1.5e3

      # TYPE latency_seconds histogram
      latency_seconds_bucket{route="a",le="0.1"} 2
      latency_seconds_bucket{route="a",le="1"} 5
      latency_seconds_bucket{route="a",le="+Inf"} 6
      latency_seconds_sum{route="a"} 3.25
      latency_seconds_count{route="a"} 6
      # TYPE temperature gauge
      temperature -Inf
      temperature{room="b"} NaN
      untyped_thing +Inf
      """;

  @Test
  void aWellFormedScrapeIsReadWithItsTypesHelpLabelsAndValues() {
    PrometheusText.Scrape scrape = PrometheusText.parse(GOOD);

    PrometheusText.Family requests = scrape.family("http_requests_total");
    assertThat(requests.type()).isEqualTo("counter");
    assertThat(requests.help()).isEqualTo("Requests with a \\ backslash and a \n line feed.");
    assertThat(scrape.sum("http_requests_total", "method", "post")).isEqualTo(1030);
    assertThat(requests.samples().get(2).labels())
        .containsEntry("path", "C:\\dir \"quoted\"\nnext");
    assertThat(scrape.sum("http_requests_total", "path", "C:\\dir \"quoted\"\nnext"))
        .isEqualTo(1500);
    assertThat(scrape.family("latency_seconds").samples()).hasSize(5);
    assertThat(scrape.sum("latency_seconds_count", "route", "a")).isEqualTo(6);
    assertThat(scrape.family("temperature").samples().get(1).value()).isNaN();
    assertThat(scrape.family("untyped_thing").type()).isEqualTo("untyped");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no_line_feed 1",
        "1bad_name 1\n",
        "name{1label=\"x\"} 1\n",
        "name{label=x} 1\n",
        "name{label=\"x} 1\n",
        "name{label=\"x\" other=\"y\"} 1\n",
        "name{label=\"\\t\"} 1\n",
        "name{label=\"a\",label=\"b\"} 1\n",
        "name one\n",
        "name 1 2 3\n",
        "name 1 1.5\n",
        "name\n",
        "name 1\nname 2\n",
        "# TYPE name counter\n# TYPE name gauge\nname 1\n",
        "# HELP name one\n# HELP name two\nname 1\n",
        "# TYPE name nonsense\nname 1\n",
        "name 1\n# TYPE name counter\n",
        "a 1\nb 1\na{x=\"y\"} 1\n",
        "# HELP name bad \\q escape\nname 1\n",
      })
  void malformedLinesAreRefused(String text) {
    assertThatThrownBy(() -> PrometheusText.parse(text))
        .isInstanceOf(PrometheusText.Malformed.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // buckets not cumulative
        "h_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 4\nh_sum 1\nh_count 4\n",
        // no +Inf bucket
        "h_bucket{le=\"1\"} 5\nh_sum 1\nh_count 5\n",
        // _count differs from the +Inf bucket
        "h_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 5\nh_sum 1\nh_count 6\n",
        // no _sum
        "h_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 5\nh_count 5\n",
        // a bucket without le
        "h_bucket 5\nh_bucket{le=\"+Inf\"} 5\nh_sum 1\nh_count 5\n",
        // le out of order
        "h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
        // a _count for a series without buckets
        "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\nh_count{x=\"y\"} 1\n",
      })
  void inconsistentHistogramsAreRefused(String body) {
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\n" + body))
        .isInstanceOf(PrometheusText.Malformed.class);
  }
}
