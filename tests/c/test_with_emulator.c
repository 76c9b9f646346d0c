/*
 * What a user's own C test does with the installed emulator: start `meetctl-emulator` as a child
 * process (posix_spawn, pipes on its stdin and stdout), read the base URL from its first line of
 * output, point libmeetctl at it, make a call and check its effect, then close the emulator's
 * stdin (it was started with --exit-on-stdin-eof) and wait for it to exit. Twice: over plain
 * HTTP, and over HTTPS (--tls: the second line is the path of the CA certificate to trust, given
 * to meetctl_config_set_extra_ca_pem; without it the call is a TLS error).
 *
 * Built by scripts/test-c.sh against the INSTALLED library, with pkg-config and with CMake
 * (tests/c/with_emulator), and run with the installed emulator.
 *
 * Usage: test_with_emulator [EMULATOR]   (default: meetctl-emulator, looked up in PATH)
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <meetctl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The demo scenario's Tencent app and meeting (crates/meetctl-emulator/scenarios/demo.json). */
#define MEETING "1242152152161"
#define APP_ID "210000001"
#define SECRET_ID "AKIDdemo0001"
#define SECRET_KEY "demo-secret-key-0001"

static const meetctl_tencent_user ALICE = {MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS};
static const meetctl_tencent_user ALICE_BY_USERID = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
static const meetctl_tencent_user BOB = {MEETCTL_ID_KIND_MS_OPEN_ID, "agaqwwgdkkddd", MEETCTL_INSTANCE_MAC};

static int passed = 0;
static int failed = 0;
static int case_failed = 0;

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (!(cond)) {                                                              \
      fprintf(stderr, "  CHECK FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      case_failed = 1;                                                          \
    }                                                                           \
  } while (0)

/* ------------------------------------------------------------------ the emulator process */

typedef struct {
  pid_t pid;
  int stdin_fd;     /* our end of its stdin: closing it stops the emulator */
  FILE *out;        /* its stdout */
  char url[256];    /* line 1: http://127.0.0.1:PORT or https://… */
  char ca_path[4096]; /* line 2 with --tls: the CA certificate (PEM) to trust */
} emulator;

static int read_line(FILE *f, char *buf, size_t size) {
  size_t n;
  if (!fgets(buf, (int)size, f)) return -1;
  n = strlen(buf);
  if (n == 0 || buf[n - 1] != '\n') return -1;
  buf[n - 1] = '\0';
  return 0;
}

/* Starts `exe --listen 127.0.0.1:0 --exit-on-stdin-eof [--tls]` and reads what it prints. */
static int emulator_start(emulator *emu, const char *exe, int tls) {
  char *argv[] = {(char *)exe, "--listen", "127.0.0.1:0", "--exit-on-stdin-eof", tls ? "--tls" : NULL, NULL};
  int in[2], out[2];
  posix_spawn_file_actions_t actions;
  int rc;
  memset(emu, 0, sizeof *emu);
  emu->pid = -1;
  if (pipe(in) != 0) return -1;
  if (pipe(out) != 0) {
    close(in[0]);
    close(in[1]);
    return -1;
  }
  /* Our ends must not leak into other children (an inherited stdin writer would keep it open). */
  fcntl(in[1], F_SETFD, FD_CLOEXEC);
  fcntl(out[0], F_SETFD, FD_CLOEXEC);
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, in[0]);
  posix_spawn_file_actions_addclose(&actions, out[1]);
  rc = strchr(exe, '/') ? posix_spawn(&emu->pid, exe, &actions, NULL, argv, environ)
                        : posix_spawnp(&emu->pid, exe, &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  if (rc != 0) {
    fprintf(stderr, "  cannot start %s: %s\n", exe, strerror(rc));
    close(in[1]);
    close(out[0]);
    emu->pid = -1;
    return -1;
  }
  emu->stdin_fd = in[1];
  emu->out = fdopen(out[0], "r");
  if (!emu->out) {
    close(out[0]);
    return -1;
  }
  if (read_line(emu->out, emu->url, sizeof emu->url) != 0) return -1;
  if (tls && read_line(emu->out, emu->ca_path, sizeof emu->ca_path) != 0) return -1;
  return 0;
}

/* Closes its stdin and waits for it; returns its exit status (-1 if it did not exit normally). */
static int emulator_stop(emulator *emu) {
  int status = 0;
  if (emu->stdin_fd > 0) close(emu->stdin_fd);
  emu->stdin_fd = -1;
  if (emu->out) fclose(emu->out);
  emu->out = NULL;
  if (emu->pid <= 0) return -1;
  if (waitpid(emu->pid, &status, 0) != emu->pid) return -1;
  emu->pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ------------------------------------------------------------------ helpers */

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long size;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)size);
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
      free(buf);
      buf = NULL;
    }
    *len = (size_t)size;
  }
  fclose(f);
  return buf;
}

/* A Tencent client for the demo app at `url`, trusting `ca_pem` when it is not NULL. */
static meetctl_tencent_client *client_for(const char *url, const char *ca_pem, size_t ca_len) {
  meetctl_config *cfg = meetctl_config_new();
  meetctl_tencent_client *client = NULL;
  meetctl_error *err = NULL;
  CHECK(meetctl_config_set_base_url(cfg, url, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 10000, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_max_attempts(cfg, 1, NULL) == MEETCTL_STATUS_OK);
  if (ca_pem) {
    CHECK(meetctl_config_set_extra_ca_pem(cfg, (const uint8_t *)ca_pem, ca_len, NULL) == MEETCTL_STATUS_OK);
  }
  if (meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &client, &err) !=
      MEETCTL_STATUS_OK) {
    fprintf(stderr, "  client: %s\n", meetctl_error_get_description(err));
    case_failed = 1;
  }
  meetctl_error_free(err);
  meetctl_config_free(cfg);
  return client;
}

/* Bob's role in the meeting, as the participant listing reports it (-1: not found). */
static int32_t role_of_bob(const meetctl_tencent_client *client) {
  meetctl_tencent_participant_list *list = NULL;
  int32_t role = -1;
  size_t i;
  if (meetctl_tencent_client_participants(client, MEETING, &ALICE_BY_USERID, &list, NULL) != MEETCTL_STATUS_OK) {
    return -1;
  }
  for (i = 0; i < meetctl_tencent_participant_list_len(list); i++) {
    const char *userid = meetctl_tencent_participant_list_get_userid(list, i);
    if (userid && strcmp(userid, "bob") == 0) role = meetctl_tencent_participant_list_get_role(list, i);
  }
  meetctl_tencent_participant_list_free(list);
  return role;
}

/* Sets Bob as co-host through `client` and checks it took effect. */
static void set_cohost_and_check(const meetctl_tencent_client *client) {
  meetctl_error *err = NULL;
  meetctl_status st;
  CHECK(role_of_bob(client) == MEETCTL_TENCENT_ROLE_MEMBER);
  st = meetctl_tencent_client_set_cohost(client, MEETING, &ALICE, &BOB, &err);
  if (st != MEETCTL_STATUS_OK) fprintf(stderr, "  set_cohost: %s\n", meetctl_error_get_description(err));
  CHECK(st == MEETCTL_STATUS_OK);
  meetctl_error_free(err);
  CHECK(role_of_bob(client) == MEETCTL_TENCENT_ROLE_COHOST);
}

/* ------------------------------------------------------------------ cases */

static void over_http(const char *exe) {
  emulator emu;
  meetctl_tencent_client *client;
  if (emulator_start(&emu, exe, 0) != 0) {
    fprintf(stderr, "  the emulator did not print its URL\n");
    case_failed = 1;
    emulator_stop(&emu);
    return;
  }
  CHECK(strncmp(emu.url, "http://127.0.0.1:", 17) == 0);
  client = client_for(emu.url, NULL, 0);
  if (client) set_cohost_and_check(client);
  meetctl_tencent_client_free(client);
  CHECK(emulator_stop(&emu) == 0);
}

static void over_https(const char *exe) {
  emulator emu;
  meetctl_tencent_client *client;
  meetctl_error *err = NULL;
  char *ca_pem;
  size_t ca_len = 0;
  if (emulator_start(&emu, exe, 1) != 0) {
    fprintf(stderr, "  the emulator did not print its URL and CA file\n");
    case_failed = 1;
    emulator_stop(&emu);
    return;
  }
  CHECK(strncmp(emu.url, "https://127.0.0.1:", 18) == 0);
  ca_pem = read_file(emu.ca_path, &ca_len);
  CHECK(ca_pem != NULL && ca_len > 27 && strncmp(ca_pem, "-----BEGIN CERTIFICATE-----", 27) == 0);

  /* Not trusting the emulator's CA: a TLS error, and nothing happened. */
  client = client_for(emu.url, NULL, 0);
  if (client) {
    CHECK(meetctl_tencent_client_set_cohost(client, MEETING, &ALICE, &BOB, &err) == MEETCTL_STATUS_TLS);
    CHECK(meetctl_error_get_kind(err) == MEETCTL_ERROR_KIND_TLS);
    meetctl_error_free(err);
  }
  meetctl_tencent_client_free(client);

  /* Trusting it: the call goes through. */
  client = ca_pem ? client_for(emu.url, ca_pem, ca_len) : NULL;
  if (client) set_cohost_and_check(client);
  meetctl_tencent_client_free(client);
  free(ca_pem);

  CHECK(emulator_stop(&emu) == 0);
  /* The CA file was in a temporary directory of the emulator's own, removed at exit. */
  CHECK(access(emu.ca_path, F_OK) != 0);
}

static void run(const char *name, void (*fn)(const char *), const char *exe) {
  case_failed = 0;
  fn(exe);
  if (case_failed) failed++;
  else passed++;
  printf("case %s ... %s\n", name, case_failed ? "FAILED" : "ok");
  fflush(stdout);
}

int main(int argc, char **argv) {
  const char *exe = argc > 1 ? argv[1] : "meetctl-emulator";
  printf("emulator: %s\n", exe);
  run("over_http", over_http, exe);
  run("over_https", over_https, exe);
  printf("test_with_emulator: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
