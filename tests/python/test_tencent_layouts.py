"""A Tencent meeting's layouts against the emulator: basic and advanced layouts added (lists
nested in lists, an object in a page) with the new ids in the answer of ``call``, one applied to
the meeting or to some users; every nested field checked before anything is sent, named by its
path; adding not repeated on a gateway timeout while applying is; kick-out and the waiting room
by open_id."""

from typing import Any, Dict, List

import pytest

import meetctl
from conftest import MEETING, CaptureServer, Emulator

TencentUser = meetctl.TencentUser
Instance = meetctl.Instance
ALICE = TencentUser(userid="alice", instance=Instance.IOS)  # the creator
BOB = TencentUser(userid="bob", instance=Instance.MAC)  # an attendee
CAROL = TencentUser(ms_open_id="msopenid-carol", instance=Instance.PC)  # a co-host
LAYOUTS = f"/v1/meetings/{MEETING}/layouts"
APPLYING = f"/v1/meetings/{MEETING}/applying-layout"


def layouts(emu: Emulator) -> Dict[str, Any]:
    found: Dict[str, Any] = emu.meeting(MEETING)["layouts"]
    return found


def statuses(emu: Emulator, path: str) -> List[int]:
    return [r["status"] for r in emu.state()["requests"] if r["path"] == path]


def basic() -> meetctl.TencentLayout:
    seats = [meetctl.TencentLayoutSeat("1", 1, userid="bob", username="Bob"), meetctl.TencentLayoutSeat("2", 2)]
    return meetctl.TencentLayout([meetctl.TencentLayoutPage("2", user_seat_list=seats)])


def advanced() -> Dict[str, Any]:
    # A plain dict works as the builders do.
    return {
        "layout_name": "rotation",
        "page_list": [
            {
                "layout_template_id": "3",
                "enable_polling": True,
                "polling_setting": meetctl.TencentPolling(1, 10, False, True),
                "user_seat_list": [
                    {"grid_id": "1", "grid_type": 1, "video_type": 3, "user_list": [{"ms_open_id": "agaqwwgdkkddd"}, {"userid": "carol"}]}
                ],
            }
        ],
    }


def test_layouts_are_added_and_applied(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    tencent.add_layouts(MEETING, ALICE, [basic()])
    state = layouts(emu)
    first = state["layout_list"][0]["layout_id"]
    assert state["selected_layout_id"] == first, "a meeting's first layouts: the first is applied"
    assert state["layout_list"][0]["page_list"][0]["user_seat_list"][0] == {
        "grid_id": "1",
        "grid_type": 1,
        "userid": "bob",
        "username": "Bob",
    }
    answer = tencent.call(meetctl.TencentControl("add_advanced_layouts", MEETING, CAROL, layout_list=[advanced()]))
    (new,) = [layout["layout_id"] for layout in answer["layout_list"]]
    added = layouts(emu)["layout_list"][1]
    assert (added["layout_id"], added["layout_type"], added["layout_name"]) == (new, 2, "rotation")
    assert added["page_list"][0]["polling_setting"]["ignore_user_absence"] is True
    tencent.apply_layout(MEETING, CAROL, new)
    assert layouts(emu)["selected_layout_id"] == new
    tencent.apply_layout(MEETING, ALICE, first, user_list=[meetctl.TencentLayoutUser("agaqwwgdkkddd", 2)])
    assert layouts(emu)["user_layouts"] == {"agaqwwgdkkddd": first}
    assert layouts(emu)["selected_layout_id"] == new
    with pytest.raises(meetctl.ApiError) as info:
        tencent.apply_layout(MEETING, ALICE, "layout-nope")
    assert info.value.code == "20012"
    with pytest.raises(meetctl.ApiError) as info:
        tencent.add_layouts(MEETING, BOB, [basic()])
    assert info.value.code == "9042"


BAD = [
    (lambda c: c.add_layouts(MEETING, ALICE, []), "layout_list"),
    (
        lambda c: c.add_layouts(MEETING, ALICE, [basic(), {"page_list": [{"layout_template_id": "2", "user_seat_list": [{"grid_id": "1", "grid_type": 9}]}]}]),
        "layout_list[1].page_list[0].user_seat_list[0].grid_type",
    ),
    (lambda c: c.add_layouts(MEETING, ALICE, [{"page_list": [{"layout_template_id": ""}]}]), "layout_list[0].page_list[0].layout_template_id"),
    (lambda c: c.add_layouts(MEETING, ALICE, [{"page_list": [{"layout_template_id": "2", "x": 1}]}]), "layout_list[0].page_list[0].x"),
    (lambda c: c.add_layouts(MEETING, CAROL, [basic()]), "operator.id"),
    (
        lambda c: c.add_advanced_layouts(
            MEETING, ALICE, [{"page_list": [{"layout_template_id": "3", "user_seat_list": [{"grid_id": "1", "grid_type": 1}], "polling_setting": {"polling_interval_unit": 1}}]}]
        ),
        "layout_list[0].page_list[0].polling_setting.polling_interval",
    ),
    (
        lambda c: c.add_advanced_layouts(
            MEETING, ALICE, [{"page_list": [{"layout_template_id": "3", "user_seat_list": [{"grid_id": "1", "grid_type": 1, "user_list": [{"userid": 7}]}]}]}]
        ),
        "layout_list[0].page_list[0].user_seat_list[0].user_list[0].userid",
    ),
    (lambda c: c.add_advanced_layouts(MEETING, ALICE, [{"page_list": [{"layout_template_id": "3"}]}]), "layout_list[0].page_list[0].user_seat_list"),
    (lambda c: c.apply_layout(MEETING, ALICE, ""), "layout_id"),
    (lambda c: c.apply_layout(MEETING, ALICE, "l", user_list=[{"ms_open_id": "m", "instanceid": 5}]), "user_list[0].instanceid"),
    (lambda c: c.apply_layout(MEETING, ALICE, "l", user_list=[{"ms_open_id": "m"}] * 21), "user_list"),
]


@pytest.mark.parametrize("call,field", BAD)
def test_nested_arguments_are_checked_before_anything_is_sent(capture: CaptureServer, call: Any, field: str) -> None:
    client = meetctl.TencentClient("210000001", "AKIDdemo0001", "demo-secret-key-0001", base_url=capture.url)
    with pytest.raises(meetctl.InvalidArgument) as info:
        call(client)
    assert info.value.field == field
    assert capture.requests == [], "nothing is sent"


def test_the_wire(capture: CaptureServer) -> None:
    client = meetctl.TencentClient("210000001", "AKIDdemo0001", "demo-secret-key-0001", base_url=capture.url)
    client.add_advanced_layouts(MEETING, CAROL, [advanced()])
    (sent,) = capture.requests
    assert (sent.method, sent.path) == ("POST", f"/v1/meetings/{MEETING}/advanced-layouts")
    assert sent.body == (
        b'{"operator_id":"msopenid-carol","operator_id_type":4,"instanceid":1,"layout_list":[{"layout_name":"rotation",'
        b'"page_list":[{"layout_template_id":"3","enable_polling":true,"polling_setting":{"polling_interval_unit":1,'
        b'"polling_interval":10,"ignore_user_novideo":false,"ignore_user_absence":true},"user_seat_list":[{"grid_id":"1",'
        b'"grid_type":1,"video_type":3,"user_list":[{"ms_open_id":"agaqwwgdkkddd"},{"userid":"carol"}]}]}]}]}'
    )
    prepared = client.prepare(meetctl.TencentControl("add_layouts", MEETING, ALICE, layout_list=[basic()]))
    assert prepared.safe_to_repeat is False
    prepared = client.prepare(meetctl.TencentControl("apply_layout", MEETING, ALICE, layout_id="l"))
    assert prepared.safe_to_repeat is True


def test_adding_is_not_repeated_on_a_gateway_timeout_and_applying_is(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    emu.inject_fault("status", status=504, path_prefix=LAYOUTS)
    with pytest.raises(meetctl.ApiError) as info:
        tencent.add_layouts(MEETING, ALICE, [basic()])
    assert (info.value.status, info.value.attempts) == (504, 1)
    assert statuses(emu, LAYOUTS) == [504]
    assert layouts(emu)["layout_list"] == []
    tencent.add_layouts(MEETING, ALICE, [basic(), basic()])
    second = layouts(emu)["layout_list"][1]["layout_id"]
    emu.inject_fault("status", status=504, path_prefix=APPLYING)
    tencent.apply_layout(MEETING, ALICE, second)
    assert statuses(emu, APPLYING) == [504, 200]
    assert layouts(emu)["selected_layout_id"] == second


def test_kick_out_and_the_waiting_room_by_open_id(emu: Emulator, tencent: meetctl.TencentClient) -> None:
    frank = TencentUser(open_id="openid-frank", instance=Instance.PC)
    tencent.admit_from_waiting_room(MEETING, CAROL, [frank])
    assert emu.participant(MEETING, "msopenid-frank")["in_waiting_room"] is False
    dave = TencentUser(open_id="openid-dave", instance=Instance.ANDROID)
    tencent.kick_out(MEETING, CAROL, [dave])
    assert emu.participant(MEETING, "msopenid-dave")["removed"] is True
    with pytest.raises(meetctl.InvalidArgument) as invalid:
        tencent.mute(MEETING, CAROL, TencentUser(open_id="openid-erin", instance=Instance.PC))
    assert invalid.value.field == "user.id"
