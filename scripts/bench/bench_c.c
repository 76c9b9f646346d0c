/*
 * Sequential set_cohost calls through libmeetctl (the C ABI) against the HTTP server at argv[1]
 * (scripts/bench.sh starts nginx answering 200 `{}`), to compare with the same calls made from
 * Rust (crates/meetctl/benches/transport.rs, MEETCTL_BENCH_MODE=meetctl-only) at the same N.
 *
 *   bench_c URL N WARM_UP
 *
 * Each call is timed with CLOCK_MONOTONIC, as the Rust loop times each call with Instant.
 * Prints a human line and `SEQ <mean ns> <p50 ns> <calls>`. Any failed call ends the run with
 * exit status 1: errors are never counted as calls.
 */
#define _POSIX_C_SOURCE 199309L
#include <meetctl.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static void die(const char *what, meetctl_error *err) {
  fprintf(stderr, "bench_c: %s failed: %s\n", what, err ? meetctl_error_get_description(err) : "?");
  meetctl_error_free(err);
  exit(1);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s URL N WARM_UP\n", argv[0]);
    return 2;
  }
  const char *url = argv[1];
  long n = strtol(argv[2], NULL, 10), warm_up = strtol(argv[3], NULL, 10);
  if (n < 1 || warm_up < 0) {
    fprintf(stderr, "bench_c: N must be at least 1 and WARM_UP at least 0\n");
    return 2;
  }

  meetctl_error *err = NULL;
  meetctl_config *cfg = meetctl_config_new();
  if (meetctl_config_set_base_url(cfg, url, &err) != MEETCTL_STATUS_OK) die("set_base_url", err);
  if (meetctl_config_disable_proxy(cfg, &err) != MEETCTL_STATUS_OK) die("disable_proxy", err);
  meetctl_tencent_client *client = NULL;
  if (meetctl_tencent_client_new_enterprise(cfg, "210000001", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
                                            "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", NULL, &client,
                                            &err) != MEETCTL_STATUS_OK)
    die("tencent_client_new_enterprise", err);
  meetctl_config_free(cfg);

  meetctl_tencent_user op = {MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS};
  meetctl_tencent_user bob = {MEETCTL_ID_KIND_MS_OPEN_ID, "agaqwwgdkkddd", MEETCTL_INSTANCE_MAC};

  for (long i = 0; i < warm_up; i++)
    if (meetctl_tencent_client_set_cohost(client, "1242152152161", &op, &bob, &err) != MEETCTL_STATUS_OK)
      die("set_cohost (warm-up)", err);

  uint64_t *times = malloc((size_t)n * sizeof *times);
  if (!times) return 1;
  uint64_t total = 0;
  for (long i = 0; i < n; i++) {
    uint64_t start = now_ns();
    if (meetctl_tencent_client_set_cohost(client, "1242152152161", &op, &bob, &err) != MEETCTL_STATUS_OK)
      die("set_cohost", err);
    times[i] = now_ns() - start;
    total += times[i];
  }
  meetctl_tencent_client_free(client);

  qsort(times, (size_t)n, sizeof *times, cmp_u64);
  uint64_t mean = total / (uint64_t)n;
  uint64_t p50 = times[(n + 1) / 2 - 1];
  printf("c libmeetctl: %ld calls, p50 %.1f µs, mean %.1f µs, %.0f calls/s\n", n, p50 / 1e3, mean / 1e3,
         1e9 / (double)mean);
  printf("SEQ %llu %llu %ld\n", (unsigned long long)mean, (unsigned long long)p50, n);
  free(times);
  return 0;
}
