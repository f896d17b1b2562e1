package io.mlops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlops.error.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus text parsed once, and two reads turned into a health sample. */
class HealthDeltaTest {
    private static final String E = "http://127.0.0.1:8080/v2/models/persons";

    /** An exposition in the agent's names: successes, failures, a duration histogram, drift. */
    private static PrometheusScrape agent(int ok, int failed, int fast, int medium, int slow, double psi) {
        int total = ok + failed;
        return PrometheusScrape.parse(
                """
                # HELP mlops_agent_requests_total Inference requests answered.
                # TYPE mlops_agent_requests_total counter
                mlops_agent_requests_total{model="persons",version="2",outcome="success",reason="ok"} %d
                mlops_agent_requests_total{model="persons",version="2",outcome="failure",reason="invalid_input"} %d
                mlops_agent_requests_total{model="other",version="1",outcome="success",reason="ok"} 1000
                # TYPE mlops_agent_request_duration_seconds histogram
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="0.001"} %d
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="0.01"} %d
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="0.1"} %d
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="+Inf"} %d
                mlops_agent_request_duration_seconds_sum{model="persons",version="2"} 1.5
                mlops_agent_request_duration_seconds_count{model="persons",version="2"} %d
                mlops_agent_input_psi{model="persons",version="2",input="age"} %s
                mlops_agent_input_psi{model="persons",version="1",input="age"} 9
                """.formatted(ok, failed, fast, fast + medium, fast + medium + slow, total, total, psi));
    }

    @Test
    void shouldParseLabelsWithEscapesSpecialValuesAndTimestamps() {
        PrometheusScrape scrape = PrometheusScrape.parse(
                "# a comment\nm{a=\"x\\\"y\\\\z\\nw\",b=\"\"} +Inf 1700000000000\n\nn NaN\nk{} -3.5e2\n");

        assertThat(scrape.samples()).hasSize(3);
        assertThat(scrape.samples().get(0).labels()).containsExactly(Map.entry("a", "x\"y\\z\nw"), Map.entry("b", ""));
        assertThat(scrape.samples().get(0).value()).isInfinite();
        assertThat(scrape.samples().get(1).value()).isNaN();
        assertThat(scrape.sum("k", Map.of())).isEqualTo(-350);
    }

    @Test
    void shouldNameTheLineThatIsNotASample() {
        assertThatThrownBy(() -> PrometheusScrape.parse("ok 1\nbroken{a=\"x\" 2\n"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusScrape.parse("<html>"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void shouldTurnCounterAndBucketDeltasIntoRatesAndPercentiles() {
        PrometheusScrape before = agent(100, 10, 50, 50, 10, 0.1);
        // 10 s later: 180 more successes, 20 more failures; of the 200, 100 under 1 ms, 90 under 10 ms, 10 under 100 ms
        PrometheusScrape after = agent(280, 30, 150, 140, 20, 0.42);

        HealthSample sample = HealthDelta.between("persons", 2, E, before, 1_000, after, 11_000);

        assertThat(sample.at()).isEqualTo(11_000);
        assertThat(sample.requestsPerSecond()).isEqualTo(20.0);
        assertThat(sample.errorRate()).isEqualTo(0.1);
        assertThat(sample.p50Ms()).isCloseTo(1.0, within(1e-9)); // rank 100 is the top of the first bucket
        assertThat(sample.p95Ms()).isCloseTo(10 + 90 * (190.0 - 190) / 10, within(1e-9));
        assertThat(sample.p99Ms()).isCloseTo(10 + 90 * (198.0 - 190) / 10, within(1e-9));
        assertThat(sample.inputPsi()).containsExactly(Map.entry("age", 0.42));
    }

    @Test
    void shouldCountFromZeroWhenTheAgentRestarted() {
        PrometheusScrape before = agent(1000, 0, 1000, 0, 0, 0.1);
        PrometheusScrape after = agent(40, 10, 50, 0, 0, 0.1);

        HealthSample sample = HealthDelta.between("persons", 2, E, before, 0, after, 5_000);

        assertThat(sample.requestsPerSecond()).isEqualTo(10.0);
        assertThat(sample.errorRate()).isEqualTo(0.2);
        assertThat(sample.p50Ms()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldGiveZeroRateAndNoPercentilesForAnIdleInterval() {
        PrometheusScrape read = agent(5, 0, 5, 0, 0, 0.1);

        HealthSample sample = HealthDelta.between("persons", 2, E, read, 0, read, 15_000);

        assertThat(sample.requestsPerSecond()).isZero();
        assertThat(sample.errorRate()).isNaN();
        assertThat(sample.p50Ms()).isNaN();
        assertThat(HealthGaps.isGap(sample)).isFalse();
    }

    @Test
    void shouldPlaceAPercentileInTheOpenBucketAtTheHighestBound() {
        PrometheusScrape before = agent(0, 0, 0, 0, 0, 0);
        PrometheusScrape after = PrometheusScrape.parse("""
                mlops_agent_requests_total{model="persons",version="2",outcome="success",reason="ok"} 10
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="0.1"} 1
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="+Inf"} 10
                mlops_agent_request_duration_seconds_count{model="persons",version="2"} 10
                """);

        assertThat(HealthDelta.between("persons", 2, E, before, 0, after, 1_000).p99Ms())
                .isEqualTo(100.0);
    }

    @Test
    void shouldCountFailuresThatNamedNoVersionForTheDeployment() {
        PrometheusScrape before = PrometheusScrape.parse("""
                mlops_agent_requests_total{model="persons",version="2",outcome="success",reason="ok"} 0
                """);
        // The agent labels a failed request that asked for no version with an empty version.
        PrometheusScrape after = PrometheusScrape.parse("""
                mlops_agent_requests_total{model="persons",version="2",outcome="success",reason="ok"} 30
                mlops_agent_requests_total{model="persons",version="",outcome="failure",reason="internal"} 10
                mlops_agent_requests_total{model="",version="",outcome="failure",reason="unknown_model"} 99
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="0.001"} 30
                mlops_agent_request_duration_seconds_bucket{model="persons",version="2",le="+Inf"} 30
                mlops_agent_request_duration_seconds_bucket{model="persons",version="",le="0.001"} 0
                mlops_agent_request_duration_seconds_bucket{model="persons",version="",le="+Inf"} 10
                """);

        HealthSample sample = HealthDelta.between("persons", 2, E, before, 0, after, 4_000);

        assertThat(sample.requestsPerSecond()).isEqualTo(10.0);
        assertThat(sample.errorRate()).isEqualTo(0.25);
        assertThat(sample.p50Ms())
                .isCloseTo(1.0 * 20 / 30, within(1e-9)); // rank 20 of 40, inside the first bucket (30)
        assertThat(sample.p99Ms()).isEqualTo(1.0);
    }

    @Test
    void shouldCountRequestsFromTritonNamesWhenTheAgentHasNoOthers() {
        PrometheusScrape before = PrometheusScrape.parse("""
                nv_inference_request_success{model="persons",version="2"} 10
                nv_inference_request_failure{model="persons",version="2"} 0
                """);
        PrometheusScrape after = PrometheusScrape.parse("""
                nv_inference_request_success{model="persons",version="2"} 40
                nv_inference_request_failure{model="persons",version="2"} 10
                """);

        HealthSample sample = HealthDelta.between("persons", 2, E, before, 0, after, 2_000);

        assertThat(sample.requestsPerSecond()).isEqualTo(20.0);
        assertThat(sample.errorRate()).isEqualTo(0.25);
        assertThat(sample.p50Ms()).isNaN();
    }

    @Test
    void shouldFindTheAgentOfADeploymentEndpoint() {
        assertThat(AgentMetricsClient.agentOf("http://10.0.0.1:8080/v2/models/persons"))
                .isEqualTo("http://10.0.0.1:8080");
        assertThat(AgentMetricsClient.agentOf("http://10.0.0.1:8080/")).isEqualTo("http://10.0.0.1:8080");
    }
}
