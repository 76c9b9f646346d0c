"""Huawei's display and interpretation controls (issue 24) beyond their effects, which
test_huawei_operations.py checks for every operation: the wire as the vendor documents it, the
saved layouts listed (the layouts lookup, typed) and deleted, bad input named before anything is
sent, the guest token refused, and a repeat after a 504. The management site's status, a lookup
asked with no token: test_lookups.py."""

import json
from typing import Any

import pytest

import meetctl
from conftest import CAROL, CONF, GUEST_PWD, HOST_PWD, PARTICIPANT, CaptureServer, Emulator, http

BOB = PARTICIPANT
Control = meetctl.HuaweiConferenceControl
PATH = "/v1/mmc/control/conferences/"


def save_layout(emu: Emulator, uuid: str, name: str) -> None:
    layout = {"uuid": uuid, "layOutName": name, "imageType": "Two", "picNum": 2,
              "subscriberInPics": [{"index": 1, "id": ["+99111221231895886"], "share": 0}]}
    status, _ = http("POST", f"{emu.url}/_emulator/huawei/conferences/{CONF}/layouts", json.dumps(layout).encode())
    assert status == 200


def test_the_wire_as_the_vendor_documents_it(capture: CaptureServer) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    cases = [
        (Control("switch_display_mode", mode="Fixed", multi_picture=True), "PUT", "display/mode", b'{"switchMode":"Fixed","imageType":1}'),
        (Control("delete_layout", layout_id="a b"), "DELETE", "layOut", b""),
        (Control("start_interpretation"), "PUT", "simultaneousInterpretation", b'{"simultaneousInterpretation":1}'),
        (Control("stop_interpretation"), "PUT", "simultaneousInterpretation", b'{"simultaneousInterpretation":0}'),
        (
            Control("set_language_channel", [BOB], channel="en"),
            "PUT",
            "setAttendeeLanChannel",
            f'{{"participantIDs":["{BOB}"],"listenLanChannel":"en","speakLanChannel":"en"}}'.encode(),
        ),
    ]
    for control, method, path, body in cases:
        prepared = conf.prepare(control)
        assert (prepared.method, prepared.body or b"") == (method, body), control.operation
        query = f"?conferenceID={CONF}" + ("&uuID=a%20b" if control.operation == "delete_layout" else "")
        assert prepared.url == f"{capture.url}{PATH}{path}{query}"
        assert prepared.safe_to_repeat is True
    assert capture.requests == []


@pytest.mark.parametrize(
    "control, field",
    [
        (Control("switch_display_mode", mode="vas", multi_picture=True), "mode"),
        (Control("switch_display_mode", mode="VAS"), "multi_picture"),
        (Control("delete_layout"), "layout_id"),
        (Control("delete_layout", layout_id="a\nb"), "layout_id"),
        (Control("start_interpretation", simultaneousInterpretation=1), "simultaneousInterpretation"),
        (Control("set_language_channel", channel="en"), "participant_ids"),
        (Control("set_language_channel", [BOB]), "channel"),
        (Control("set_language_channel", [BOB], channel="en", speakLanChannel="fr"), "speakLanChannel"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_bad_input_is_named_before_anything_is_sent(capture: CaptureServer, control: Any, field: str) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    with pytest.raises(meetctl.InvalidArgument) as info:
        conf.call(control)
    assert info.value.field == field
    assert capture.requests == []


def test_saved_layouts_are_listed_and_deleted(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    assert conf.layouts() == ()
    save_layout(emu, "layout-1", "two up")
    save_layout(emu, "layout-2", "solo")
    layouts = conf.layouts()
    assert all(isinstance(l, meetctl.HuaweiLayout) for l in layouts)
    assert [(l.layout_id, l.name, l.image_type, l.picture_count) for l in layouts] == [
        ("layout-1", "two up", "Two", 2),
        ("layout-2", "solo", "Two", 2),
    ]
    picture = layouts[0].pictures[0]
    assert (picture.index, picture.numbers, picture.auxiliary_stream) == (1, ("+99111221231895886",), False)
    # The generic lookup answers the same records as plain values.
    assert [l["layout_id"] for l in conf.lookup("layouts")] == ["layout-1", "layout-2"]
    conf.delete_layout("layout-1")
    assert [l["uuid"] for l in emu.conference(CONF)["layouts"]] == ["layout-2"]
    assert [l.layout_id for l in conf.layouts()] == ["layout-2"]
    with pytest.raises(meetctl.ApiError) as info:
        conf.delete_layout("layout-1")
    assert (info.value.status, info.value.code) == (400, "MMC.111070001")


def test_language_channels_need_everyone_in_the_conference(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.set_language_channel([BOB], "zh")
    with pytest.raises(meetctl.ApiError) as info:
        conf.set_language_channel([CAROL, "p-nobody"], "en")
    assert info.value.code == "MMC.111071011"
    assert emu.huawei_participant(CONF, CAROL)["language_channel"] is None
    assert emu.huawei_participant(CONF, BOB)["language_channel"] == "zh"


def test_a_guest_token_may_not(emu: Emulator, huawei: Any) -> None:
    guest = huawei.conference(CONF, password=GUEST_PWD)
    for call in (
        lambda: guest.switch_display_mode("VAS", True),
        guest.layouts,
        guest.start_interpretation,
        lambda: guest.set_language_channel([BOB], "en"),
    ):
        with pytest.raises(meetctl.PermissionDenied) as info:
            call()
        assert info.value.code == "MMC.111070002"
    state = emu.conference(CONF)
    assert (state["display_mode"], state["interpretation"]) == (None, False)


def test_interpretation_is_set_again_after_a_504(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.prepare(Control("start_interpretation"))  # the control token, fetched now
    emu.fault(kind="status", status=504, path_prefix=PATH + "simultaneousInterpretation")
    conf.start_interpretation()
    assert emu.statuses_for(PATH + "simultaneousInterpretation") == [504, 200]
    assert emu.conference(CONF)["interpretation"] is True


# Nested bodies (display/customMultiPicture, PUT layOut, interpreterGroup).


@pytest.mark.parametrize(
    "control, field",
    [
        (Control("set_custom_multi_picture", manual=True, pictures=[{"index": 0}]), "pictures[0].index"),
        (Control("set_custom_multi_picture", manual=True, pictures=[{"numbers": ["ok", ""]}]), "pictures[0].numbers[1]"),
        (Control("set_custom_multi_picture", manual=False, grid={"pictures": [{"x_size": 0}]}), "grid.pictures[0].x_size"),
        (Control("save_layout", layout={"uuid": "x"}), "layout.uuid"),
        (Control("set_interpreter_groups", groups=[{"group_id": "g", "first_language": "zh"}]), "groups[0].second_language"),
        (
            Control(
                "set_interpreter_groups",
                groups=[
                    {
                        "group_id": "g",
                        "first_language": "zh",
                        "second_language": "en",
                        "interpreters": [{"login_account": "a", "ai_digital": {"kind": "public"}}],
                    }
                ],
            ),
            "groups[0].interpreters[0].ai_digital.kind",
        ),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_nested_input_is_named_by_its_path_before_anything_is_sent(
    capture: CaptureServer, control: Any, field: str
) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    with pytest.raises(meetctl.InvalidArgument) as info:
        conf.call(control)
    assert info.value.field == field
    assert capture.requests == []


def test_nested_bodies_on_the_wire(capture: CaptureServer) -> None:
    conf = meetctl.HuaweiClient(base_url=capture.url).conference(CONF, control_token="stb")
    grid = meetctl.HuaweiGrid(x=4, y=4, pictures=[meetctl.HuaweiGridPicture(id=1, x_size=2, y_size=2)])
    prepared = conf.prepare(Control("set_custom_multi_picture", manual=False, grid=grid, save_only=True))
    assert prepared.body == (
        b'{"manualSet":0,"picLayoutInfo":{"x":4,"y":4,"subPicLayoutInfoList":[{"id":1,"xSize":2,"ySize":2}]},'
        b'"multiPicSaveOnly":true}'
    )
    assert prepared.safe_to_repeat is True
    saved = conf.prepare(Control("save_layout", layout=meetctl.HuaweiSavedLayout(name="n", picture_count=1)))
    assert (saved.method, saved.body, saved.safe_to_repeat) == ("PUT", b'{"restPicLayout":{"picNum":1,"layOutName":"n"}}', False)
    assert saved.url == f"{capture.url}{PATH}layOut?conferenceID={CONF}"


def test_a_saved_layout_is_listed_and_not_saved_twice_after_a_504(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    conf.save_layout({"name": "first"})
    listed = conf.layouts()
    assert [l.name for l in listed] == ["first"]
    assert len(listed[0].layout_id) == 32
    emu.fault(kind="status", status=504, path_prefix=PATH + "layOut")
    with pytest.raises(meetctl.ApiError) as info:
        conf.save_layout({"name": "second"})
    assert info.value.status == 504
    # PUT, GET, then the PUT that got the 504, not repeated: it may have saved another layout.
    assert emu.statuses_for(PATH + "layOut") == [200, 200, 504]


def test_interpreter_groups_need_an_account_or_a_user_id(emu: Emulator, huawei: Any) -> None:
    conf = huawei.conference(CONF, password=HOST_PWD)
    with pytest.raises(meetctl.ApiError) as info:
        conf.set_interpreter_groups([meetctl.HuaweiInterpreterGroup("g", "zh", "en", interpreters=[{"name": "x"}])])
    assert info.value.code == "MMC.111070001"
    conf.set_interpreter_groups([meetctl.HuaweiInterpreterGroup("g", "zh", "en", interpreters=[{"user_id": "u1"}])])
    assert emu.conference(CONF)["interpreter_groups"][0]["interpreters"] == [{"userID": "u1"}]
