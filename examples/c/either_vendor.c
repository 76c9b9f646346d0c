/*
 * One meeting, either vendor: mute everyone except the host, then end the meeting. The same C
 * function runs on a Tencent meeting and on a Huawei conference.
 *
 * Against the emulator (scripts/test-c.sh builds and runs it so):
 *
 *   cargo build -p meetctl-ffi -p meetctl-emulator
 *   target/debug/meetctl-emulator --scenario crates/meetctl-emulator/scenarios/demo.json &  # prints its URL
 *   cc -std=c11 -Iinclude examples/c/either_vendor.c -Ltarget/debug -lmeetctl -Wl,-rpath,target/debug \
 *      -o either_vendor
 *   ./either_vendor http://127.0.0.1:PORT
 *
 * Without an argument it talks to the vendors' real endpoints (with the demo's made-up
 * credentials, which they refuse).
 */
#include <stdio.h>

#include "meetctl.h"

/* The whole integration: written once, whichever vendor hosts the meeting. */
static meetctl_status mute_everyone_but_the_host_then_end(const meetctl_meeting *meeting, meetctl_error **err) {
  meetctl_participant_list *people = NULL;
  meetctl_status st = meetctl_meeting_participants(meeting, &people, err);
  size_t i;
  for (i = 0; st == MEETCTL_STATUS_OK && i < meetctl_participant_list_len(people); i++) {
    const char *name = meetctl_participant_list_get_name(people, i);
    if (meetctl_participant_list_get_role(people, i) == MEETCTL_ROLE_HOST ||
        meetctl_participant_list_get_controllable(people, i) != 1 ||
        meetctl_participant_list_get_audio_muted(people, i) == 1)
      continue;
    st = meetctl_meeting_control(meeting, MEETCTL_MEETING_OPERATION_MUTE, people, i, NULL, err);
    if (st == MEETCTL_STATUS_OK) printf("  muted %s\n", name ? name : meetctl_participant_list_get_id(people, i));
  }
  meetctl_participant_list_free(people);
  if (st != MEETCTL_STATUS_OK) return st;
  return meetctl_meeting_control(meeting, MEETCTL_MEETING_OPERATION_END, NULL, 0, NULL, err);
}

int main(int argc, char **argv) {
  const meetctl_tencent_user alice = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
  meetctl_config *config = meetctl_config_new();
  meetctl_tencent_client *tencent = NULL;
  meetctl_huawei_client *huawei = NULL;
  meetctl_huawei_conference *conference = NULL;
  meetctl_meeting *meetings[2] = {NULL, NULL};
  meetctl_error *err = NULL;
  meetctl_status st = MEETCTL_STATUS_OK;
  size_t i;

  if (argc > 1) st = meetctl_config_set_base_url(config, argv[1], &err);
  if (st == MEETCTL_STATUS_OK && argc > 1) st = meetctl_config_disable_proxy(config, &err);
  /* A Tencent meeting, acted on by its creator (by userid: her ms_open_id is looked up when an
   * endpoint needs it), and a Huawei conference opened with the host password. */
  if (st == MEETCTL_STATUS_OK)
    st = meetctl_tencent_client_new_enterprise(config, "210000001", "AKIDdemo0001", "demo-secret-key-0001", NULL,
                                               &tencent, &err);
  if (st == MEETCTL_STATUS_OK) st = meetctl_meeting_new_tencent(tencent, "1242152152161", &alice, &meetings[0], &err);
  if (st == MEETCTL_STATUS_OK) st = meetctl_huawei_client_new(config, &huawei, &err);
  if (st == MEETCTL_STATUS_OK)
    st = meetctl_huawei_conference_new_with_password(huawei, "914083136", "157599", &conference, &err);
  if (st == MEETCTL_STATUS_OK) st = meetctl_meeting_new_huawei(conference, &meetings[1], &err);
  /* The meetings keep what they need: the rest may go now. */
  meetctl_huawei_conference_free(conference);
  meetctl_huawei_client_free(huawei);
  meetctl_tencent_client_free(tencent);
  meetctl_config_free(config);

  for (i = 0; st == MEETCTL_STATUS_OK && i < 2; i++) {
    printf("%s meeting %s:\n", meetctl_meeting_get_vendor(meetings[i]) == MEETCTL_VENDOR_TENCENT ? "Tencent" : "Huawei",
           meetctl_meeting_get_id(meetings[i]));
    st = mute_everyone_but_the_host_then_end(meetings[i], &err);
    if (st == MEETCTL_STATUS_OK) printf("  ended\n");
  }
  if (st != MEETCTL_STATUS_OK) fprintf(stderr, "either_vendor failed: %s\n", meetctl_error_get_description(err));
  meetctl_error_free(err);
  meetctl_meeting_free(meetings[0]);
  meetctl_meeting_free(meetings[1]);
  return st == MEETCTL_STATUS_OK ? 0 : 1;
}
