/*
 * Test helpers shared by the C and C++ programs: a minimal HTTP/1.1 client over POSIX sockets
 * (to drive the emulator's admin API and to send prepared requests with "another HTTP stack"),
 * tiny readers for the emulator's state JSON, and a check/report harness.
 *
 * Written in the common subset of C11 and C++17. Define _POSIX_C_SOURCE 200809L before including.
 */
#ifndef MEETCTL_TEST_EMULATOR_H
#define MEETCTL_TEST_EMULATOR_H

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* ------------------------------------------------------------------ checks */

static int t_passed = 0;
static int t_failed = 0;
static int t_case_failed = 0;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "  CHECK FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);  \
      t_case_failed = 1;                                                         \
    }                                                                            \
  } while (0)

#define CHECK_STR(got, want)                                                                 \
  do {                                                                                       \
    const char *g_ = (got), *w_ = (want);                                                    \
    if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0)) {                       \
      fprintf(stderr, "  CHECK FAILED %s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,     \
              __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");                       \
      t_case_failed = 1;                                                                     \
    }                                                                                        \
  } while (0)

/* The cases to run, named on the command line after the base URL; all of them when none is. */
static const char *const *t_only = NULL;
static int t_only_count = 0;

static inline int t_selected(const char *name) {
  int i;
  if (t_only_count <= 0) return 1;
  for (i = 0; i < t_only_count; i++) {
    if (strcmp(t_only[i], name) == 0) return 1;
  }
  return 0;
}

static inline void run_case(const char *name, void (*fn)(void)) {
  if (!t_selected(name)) return;
  t_case_failed = 0;
  fn();
  if (t_case_failed) {
    t_failed++;
    printf("case %s ... FAILED\n", name);
  } else {
    t_passed++;
    printf("case %s ... ok\n", name);
  }
  fflush(stdout);
}

#define RUN(fn) run_case(#fn, fn)

static inline int report(const char *program) {
  printf("%s: %d passed, %d failed\n", program, t_passed, t_failed);
  return t_failed == 0 ? 0 : 1;
}

/* ------------------------------------------------------------------ HTTP */

typedef struct {
  int status;
  char *body; /* NUL-terminated, malloc'd; free with free() */
} emu_response;

/* Splits "http://host:port/rest" into host, port and path ("/" when none). 0 on success. */
static inline int emu_split_url(const char *url, char *host, size_t host_len, char *port, size_t port_len,
                         const char **path) {
  const char *p = strstr(url, "://");
  const char *hp = p ? p + 3 : url;
  const char *slash = strchr(hp, '/');
  const char *end = slash ? slash : hp + strlen(hp);
  const char *colon = (const char *)memchr(hp, ':', (size_t)(end - hp));
  size_t hl = (size_t)((colon ? colon : end) - hp);
  if (!colon || hl + 1 > host_len || (size_t)(end - colon) > port_len) return -1;
  memcpy(host, hp, hl);
  host[hl] = '\0';
  memcpy(port, colon + 1, (size_t)(end - colon - 1));
  port[end - colon - 1] = '\0';
  *path = slash ? slash : "/";
  return 0;
}

/* Sends one request (Connection: close) to the absolute `url` and reads the whole answer.
 * `headers` is extra header lines, each ending in \r\n (may be NULL). 0 on success. */
static inline int emu_http(const char *method, const char *url, const char *headers, const void *body,
                    size_t body_len, emu_response *out) {
  char host[256], port[16];
  const char *path;
  struct addrinfo hints, *res = NULL;
  int fd = -1;
  char *head = NULL, *buf = NULL;
  size_t cap = 8192, len = 0;
  ssize_t n;
  int rc = -1;

  out->status = 0;
  out->body = NULL;
  if (emu_split_url(url, host, sizeof host, port, sizeof port, &path) != 0) return -1;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0) return -1;
  fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) != 0) goto done;

  head = (char *)malloc(strlen(path) + (headers ? strlen(headers) : 0) + 512);
  if (!head) goto done;
  sprintf(head, "%s %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\nContent-Length: %lu\r\n%s\r\n",
          method, path, host, port, (unsigned long)body_len, headers ? headers : "");
  if (write(fd, head, strlen(head)) != (ssize_t)strlen(head)) goto done;
  if (body_len && write(fd, body, body_len) != (ssize_t)body_len) goto done;

  buf = (char *)malloc(cap);
  if (!buf) goto done;
  while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
    len += (size_t)n;
    if (cap - len < 1024) {
      char *bigger = (char *)realloc(buf, cap * 2);
      if (!bigger) goto done;
      buf = bigger;
      cap *= 2;
    }
  }
  buf[len] = '\0';
  if (len < 12 || strncmp(buf, "HTTP/1.1 ", 9) != 0) goto done;
  out->status = atoi(buf + 9);
  {
    char *body_start = strstr(buf, "\r\n\r\n");
    int chunked = strstr(buf, "transfer-encoding: chunked") != NULL ||
                  strstr(buf, "Transfer-Encoding: chunked") != NULL;
    size_t blen;
    if (!body_start) goto done;
    *body_start = '\0'; /* headers end here */
    body_start += 4;
    blen = len - (size_t)(body_start - buf);
    out->body = (char *)malloc(blen + 1);
    if (!out->body) goto done;
    if (chunked) {
      size_t o = 0;
      char *c = body_start;
      for (;;) {
        char *endp;
        unsigned long sz = strtoul(c, &endp, 16);
        if (sz == 0 || endp == c) break;
        c = strstr(endp, "\r\n");
        if (!c) break;
        c += 2;
        memcpy(out->body + o, c, sz);
        o += sz;
        c += sz + 2;
      }
      out->body[o] = '\0';
    } else {
      memcpy(out->body, body_start, blen);
      out->body[blen] = '\0';
    }
  }
  rc = 0;
done:
  if (fd >= 0) close(fd);
  if (res) freeaddrinfo(res);
  free(head);
  free(buf);
  if (rc != 0) {
    free(out->body);
    out->body = NULL;
  }
  return rc;
}

static const char *emu_base = NULL; /* the emulator's base URL */

/* An admin call; returns the body (free with free()) or NULL. */
static inline char *emu_admin(const char *method, const char *path, const char *json) {
  char url[512];
  emu_response r;
  snprintf(url, sizeof url, "%s%s", emu_base, path);
  if (emu_http(method, url, json ? "Content-Type: application/json\r\n" : NULL, json,
               json ? strlen(json) : 0, &r) != 0)
    return NULL;
  if (r.status != 200) {
    fprintf(stderr, "  admin %s %s -> %d %s\n", method, path, r.status, r.body ? r.body : "");
    free(r.body);
    return NULL;
  }
  return r.body;
}

/* Queues a fault (JSON as in docs/emulator.md). 0 on success. */
static inline int emu_fault(const char *json) {
  char *b = emu_admin("POST", "/_emulator/faults", json);
  int ok = b != NULL;
  free(b);
  return ok ? 0 : -1;
}

/* ------------------------------------------------------------------ state */

/* The emulator's state JSON (free with free()); never NULL (aborts if it cannot be read). */
static inline char *emu_state(void) {
  char *s = emu_admin("GET", "/_emulator/state", NULL);
  if (!s) {
    fprintf(stderr, "cannot read the emulator state at %s\n", emu_base);
    exit(2);
  }
  return s;
}

/* The integer after the first "key": in the state; -1 when absent. */
static inline long emu_count(const char *key) {
  char *s = emu_state();
  char pat[128];
  const char *p;
  long v = -1;
  snprintf(pat, sizeof pat, "\"%s\":", key);
  p = strstr(s, pat);
  if (p) v = strtol(p + strlen(pat), NULL, 10);
  free(s);
  return v;
}

/* Whether the flat JSON object containing `needle` (e.g. "\"ms_open_id\":\"bob\"") also
 * contains `property` (e.g. "\"role\":\"cohost\""). Objects in the state that hold a
 * participant are flat, so the enclosing braces are the nearest ones. */
static inline int emu_object_has(const char *needle, const char *property) {
  char *s = emu_state();
  const char *at = s;
  int found = 0;
  /* Every object naming `needle`: a participant's id also stands in its attendance records. */
  while (!found && (at = strstr(at, needle)) != NULL) {
    const char *open = at, *close = strchr(at, '}');
    while (open > s && *open != '{') open--;
    if (close) {
      size_t n = (size_t)(close - open + 1);
      char *obj = (char *)malloc(n + 1);
      if (obj) {
        memcpy(obj, open, n);
        obj[n] = '\0';
        found = strstr(obj, property) != NULL;
        free(obj);
      }
    }
    at += strlen(needle);
  }
  free(s);
  return found;
}

/* Whether the Huawei conference `conference_id`'s host is `host_json` ("\"p1\"" or "null"). */
static inline int emu_huawei_host_is(const char *conference_id, const char *host_json) {
  char *s = emu_state();
  char pat[256];
  const char *at, *h;
  int ok = 0;
  snprintf(pat, sizeof pat, "\"conference_id\":\"%s\"", conference_id);
  at = strstr(s, pat);
  h = at ? strstr(at, "\"host\":") : NULL;
  if (h) ok = strncmp(h + 7, host_json, strlen(host_json)) == 0;
  free(s);
  return ok;
}

/* ------------------------------------------------------------------ a tiny JSON reader */

static inline const char *emu_json_ws(const char *p) {
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
  return p;
}

/* The end of the JSON value that starts at `p` (after whitespace); NULL when it is malformed. */
static inline const char *emu_json_skip(const char *p) {
  p = emu_json_ws(p);
  if (*p == '"') {
    for (p++; *p && *p != '"'; p++)
      if (*p == '\\' && p[1]) p++;
    return *p == '"' ? p + 1 : NULL;
  }
  if (*p == '{' || *p == '[') {
    const char close = *p == '{' ? '}' : ']';
    p = emu_json_ws(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
      if (close == '}') {
        p = emu_json_skip(p); /* the key */
        if (!p || *(p = emu_json_ws(p)) != ':') return NULL;
        p++;
      }
      p = emu_json_skip(p);
      if (!p) return NULL;
      p = emu_json_ws(p);
      if (*p == ',') {
        p++;
        continue;
      }
      return *p == close ? p + 1 : NULL;
    }
  }
  if (!*p) return NULL;
  while (*p && !strchr(",}] \n\r\t", *p)) p++;
  return p;
}

/* Whether the JSON value at `p` is the string of the `n` bytes at `s` (compared unescaped-naively),
 * or (for any other value) the JSON text `s` itself. */
static inline int emu_json_eq(const char *p, const char *s, size_t n) {
  const char *end = emu_json_skip(p);
  if (!end) return 0;
  if (*p == '"') return (size_t)(end - p) == n + 2 && strncmp(p + 1, s, n) == 0;
  return (size_t)(end - p) == n && strncmp(p, s, n) == 0;
}

/* The value of member `key` (`n` bytes) of the object at `p`; NULL when absent. */
static inline const char *emu_json_member(const char *p, const char *key, size_t n) {
  p = emu_json_ws(p);
  if (*p != '{') return NULL;
  p = emu_json_ws(p + 1);
  while (*p == '"') {
    const int match = emu_json_eq(p, key, n);
    p = emu_json_skip(p);
    if (!p || *(p = emu_json_ws(p)) != ':') return NULL;
    p = emu_json_ws(p + 1);
    if (match) return p;
    p = emu_json_skip(p);
    if (!p) return NULL;
    p = emu_json_ws(p);
    if (*p == ',') p = emu_json_ws(p + 1);
  }
  return NULL;
}

/* Follows `path` from the value at `p`: `name` selects an object member, `[key=value]` the first
 * element of an array whose member `key` is the string (or JSON text) `value`, `[N]` element N,
 * `[-1]` the last element. Segments are separated by `.`, e.g.
 * "huawei.conferences[conference_id=914083136].settings.isLock". NULL when not found. */
static inline const char *emu_json_path(const char *p, const char *path) {
  while (p && *path) {
    if (*path == '.') path++;
    if (*path == '[') {
      const char *close = strchr(path, ']'), *eq = strchr(path, '=');
      const char *found = NULL;
      long want = 0, i = 0;
      if (!close) return NULL;
      if (eq && eq > close) eq = NULL;
      if (!eq) want = strtol(path + 1, NULL, 10);
      p = emu_json_ws(p);
      if (*p != '[') return NULL;
      p = emu_json_ws(p + 1);
      while (*p && *p != ']') {
        if (eq) {
          const char *v = emu_json_member(p, path + 1, (size_t)(eq - path - 1));
          if (v && emu_json_eq(v, eq + 1, (size_t)(close - eq - 1))) {
            found = p;
            break;
          }
        } else if (want == -1 || want == i) {
          found = p; /* for -1, keep the last */
          if (want != -1) break;
        }
        p = emu_json_skip(p);
        if (!p) return NULL;
        p = emu_json_ws(p);
        if (*p == ',') p = emu_json_ws(p + 1);
        i++;
      }
      p = found;
      path = close + 1;
    } else {
      const size_t n = strcspn(path, ".[");
      p = emu_json_member(p, path, n);
      path += n;
    }
  }
  return p;
}

/* The JSON text of `path` in `json` as a new string (free with free()); NULL when absent. */
static inline char *emu_json_get(const char *json, const char *path) {
  const char *v = emu_json_path(json, path), *end = v ? emu_json_skip(v) : NULL;
  char *out;
  if (!end) return NULL;
  out = (char *)malloc((size_t)(end - v) + 1);
  if (!out) return NULL;
  memcpy(out, v, (size_t)(end - v));
  out[end - v] = '\0';
  return out;
}

/* Whether `path` in the emulator's state is the JSON text `want` ("true", "\"cohost\"", "30");
 * says what it is instead when not. */
static inline int emu_state_is(const char *path, const char *want) {
  char *s = emu_state();
  char *got = emu_json_get(s, path);
  const int ok = got && strcmp(got, want) == 0;
  if (!ok) fprintf(stderr, "  state %s is %s, expected %s\n", path, got ? got : "(absent)", want);
  free(got);
  free(s);
  return ok;
}

#ifdef __cplusplus
#include <exception>

/* C++: runs case `Fn`; an exception that escapes it fails the case instead of ending the program. */
template <void (*Fn)()>
void guarded() {
  try {
    Fn();
  } catch (const std::exception &e) {
    fprintf(stderr, "  unexpected exception: %s\n", e.what());
    t_case_failed = 1;
  }
}
#define RUN_GUARDED(fn) run_case(#fn, guarded<fn>)
#endif

#endif /* MEETCTL_TEST_EMULATOR_H */
