/* A tiny C program built the way a room system would build against an installed libmeetctl:
 * with `pkg-config --cflags --libs meetctl`, or with CMake's find_package(meetctl). */
#include <meetctl.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  char macros[32];
  meetctl_config *config = meetctl_config_new();
  meetctl_tencent_client *client = NULL;
  meetctl_error *err = NULL;
  meetctl_status status;
  meetctl_tencent_user op = {MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS};
  snprintf(macros, sizeof macros, "%d.%d.%d", MEETCTL_VERSION_MAJOR, MEETCTL_VERSION_MINOR, MEETCTL_VERSION_PATCH);
  if (strcmp(macros, meetctl_version()) != 0) {
    fprintf(stderr, "header %s, library %s\n", macros, meetctl_version());
    return 1;
  }
  /* Refused before anything is sent: an empty app id. */
  status = meetctl_tencent_client_new_enterprise(config, "", "AKID", "key", NULL, &client, &err);
  if (status != MEETCTL_STATUS_INVALID_ARGUMENT || strcmp(meetctl_error_get_field(err), "app_id") != 0) {
    fprintf(stderr, "unexpected status %d\n", (int)status);
    return 1;
  }
  meetctl_error_free(err);
  err = NULL;
  /* The generic call: an operation the enum does not have is refused, naming it. */
  if (meetctl_tencent_client_new_oauth(config, "open-id", "token", &client, NULL) != MEETCTL_STATUS_OK) return 1;
  status = meetctl_tencent_client_control(client, MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT + 1, "1", &op, NULL, 0,
                                          NULL, NULL, &err);
  if (status != MEETCTL_STATUS_INVALID_ARGUMENT || strcmp(meetctl_error_get_field(err), "operation") != 0) {
    fprintf(stderr, "unexpected status %d for an unknown operation\n", (int)status);
    return 1;
  }
  meetctl_error_free(err);
  meetctl_tencent_client_free(client);
  meetctl_config_free(config);
  printf("consumer: libmeetctl %s\n", meetctl_version());
  return 0;
}
