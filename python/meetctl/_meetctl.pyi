"""Type stubs for the compiled module ``meetctl._meetctl`` (checked with ``mypy.stubtest``)."""

from typing import (
    Any,
    ClassVar,
    Dict,
    Generic,
    Iterable,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    final,
)

from typing_extensions import Self, deprecated

from ._enums import Instance
from ._records import (
    Candidate,
    HuaweiCallNumberStatus,
    HuaweiConferenceDetails,
    HuaweiConferenceSummary,
    HuaweiLayout,
    HuaweiManagementSiteStatus,
    HuaweiOnlineAttendee,
    HuaweiWebhookConfig,
    HuaweiWsToken,
    MeetingDetails,
    TencentAttendee,
    TencentMeetingInfo,
    TencentRoomCallInfo,
    TencentWaitingMember,
)

__all__ = [
    "__version__",
    "TencentClient",
    "TencentUser",
    "TencentControl",
    "TencentParticipant",
    "PreparedRequest",
    "HuaweiClient",
    "HuaweiConference",
    "HuaweiConferenceControl",
    "HuaweiConferenceInfo",
    "HuaweiParticipant",
    "Meeting",
    "Participant",
    "MeetingWatch",
    "MeetingEvent",
    "TencentWebhook",
    "WebhookAnswer",
    "TencentEvent",
    "TencentReceiver",
    "HuaweiWebhook",
    "HuaweiEvent",
    "HuaweiReceiver",
]

__version__: str

_Query = Optional[Union[Mapping[str, Union[str, int]], Iterable[Tuple[str, Union[str, int]]]]]
_Proxy = Union[str, bool, None]
_Pem = Union[str, bytes, None]

# A named argument of a control operation; ``None`` means "not given".
_Arg = Union[bool, int, str, None]
# A field of a list item or of an object argument: a scalar, or (nested) a list of them or a
# mapping of named fields.
_Field = Union[bool, int, str, None, Sequence["_Field"], Mapping[str, "_Field"]]
# A list argument (``attendees``, ``layout_list``): its items as mappings of named fields.
_ListArg = Iterable[Mapping[str, _Field]]
# An object argument (``polling_setting`` inside a page): a mapping of named fields.
_ObjectArg = Mapping[str, _Field]
# A list-of-texts argument (``meeting_room_ids``).
_TextsArg = Sequence[str]

# BEGIN GENERATED: operation names (cargo run -p xtask -- codegen)
_TencentOperation = Literal[
    "set_cohost",
    "revoke_cohost",
    "close_video",
    "open_video",
    "mute",
    "unmute",
    "kick_out",
    "stop_screen_share",
    "rename",
    "admit_from_waiting_room",
    "move_to_waiting_room",
    "remove_from_waiting_room",
    "set_meeting_status",
    "set_doc_upload",
    "set_transcription",
    "end_meeting",
    "participants",
    "ms_open_id",
    "room_call",
    "cancel_room_call",
    "room_call_info",
    "phone_callout",
    "cancel_phone_callout",
    "release_rooms",
    "add_layouts",
    "add_advanced_layouts",
    "apply_layout",
]

_HuaweiOperation = Literal[
    "apply_host",
    "relinquish_host",
    "mute",
    "unmute",
    "mute_all",
    "unmute_all",
    "hang_up",
    "set_cohost",
    "revoke_cohost",
    "lock",
    "unlock",
    "end",
    "stop_video",
    "request_video",
    "rename",
    "lower_hand",
    "admit_from_waiting_room",
    "move_to_waiting_room",
    "extend",
    "start_recording",
    "stop_recording",
    "update_settings",
    "info",
    "allow_unmute_by_self",
    "invite",
    "broadcast",
    "cancel_broadcast",
    "roll_call",
    "lower_hands",
    "host_view",
    "host_view_multi_picture",
    "start_host_polling",
    "stop_host_polling",
    "participant_view",
    "lock_view",
    "unlock_view",
    "pause",
    "resume",
    "move_one_to_waiting_room",
    "allow_audience",
    "allow_client_record",
    "start_mmr_recording",
    "pause_mmr_recording",
    "stop_mmr_recording",
    "start_mmr_live",
    "stop_mmr_live",
    "start_live",
    "stop_live",
    "remove_attendees",
    "invite_to_share",
    "cancel_share_invitation",
    "invite_with_password",
    "switch_display_mode",
    "delete_layout",
    "start_interpretation",
    "stop_interpretation",
    "set_language_channel",
    "set_custom_multi_picture",
    "save_layout",
    "set_interpreter_groups",
]

# The operations of a Meeting that are controls (everything but "participants"), and all of them.
_MeetingControl = Literal[
    "mute",
    "unmute",
    "mute_all",
    "unmute_all",
    "remove",
    "set_cohost",
    "revoke_cohost",
    "stop_video",
    "rename",
    "lock",
    "unlock",
    "end",
    "make_host",
    "broadcast",
    "cancel_broadcast",
    "lower_all_hands",
    "invite",
    "cancel_invite",
]
_MeetingOperation = Literal["participants", _MeetingControl]

_TencentLookupName = Literal[
    "meetings_by_code",
    "meeting",
    "room_meetings",
    "waiting_room",
    "attendance",
]

_HuaweiLookupName = Literal[
    "online_conferences",
    "online_conference_details",
    "conference_details",
    "online_attendees",
    "call_number_status",
    "ws_token",
    "conferences",
    "webhook_config",
    "layouts",
    "management_site_status",
]
# END GENERATED: operation names
# The lookups' names (TencentClient.LOOKUPS, HuaweiClient.LOOKUPS), for `lookup(name, ...)`.
# A lookup's `args`: argument names to values; ``None`` means "not given".
_LookupArgs = Optional[Mapping[str, _Arg]]
_Role = Literal["host", "cohost", "attendee", "other"]
_Vendor = Literal["tencent", "huawei"]
_EventKind = Literal["joined", "left", "changed", "started", "ended", "gap", "other"]
_EventOrigin = Literal["pushed", "polled", "resync", "initial"]
_ParticipantField = Literal["name", "role", "audio_muted", "video_on", "hand_raised", "sharing_screen"]

@final
class PreparedRequest:
    """A validated, signed request that was not sent."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> Dict[str, str]: ...
    @property
    def body(self) -> bytes: ...
    @property
    def safe_to_repeat(self) -> bool: ...
    def header(self, name: str) -> Optional[str]: ...

@final
class TencentUser:
    """A Tencent Meeting participant: exactly one id plus the device they are on."""

    def __new__(
        cls,
        *,
        userid: Optional[str] = None,
        open_id: Optional[str] = None,
        ms_open_id: Optional[str] = None,
        uuid: Optional[str] = None,
        instance: Union[Instance, int],
    ) -> TencentUser: ...
    @property
    def userid(self) -> Optional[str]: ...
    @property
    def open_id(self) -> Optional[str]: ...
    @property
    def ms_open_id(self) -> Optional[str]: ...
    @property
    def uuid(self) -> Optional[str]: ...
    @property
    @deprecated("TencentUser.openid is deprecated; use .open_id")
    def openid(self) -> Optional[str]: ...
    @property
    def instance(self) -> Instance: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TencentControl:
    """One Tencent Meeting control operation as a value, for TencentClient.call/prepare."""

    OPERATIONS: ClassVar[Tuple[_TencentOperation, ...]]
    def __new__(
        cls,
        operation: _TencentOperation,
        meeting_id: str,
        operator: TencentUser,
        targets: Iterable[TencentUser] = (),
        **args: Union[_Arg, _ListArg, _TextsArg, _ObjectArg],
    ) -> TencentControl: ...
    @property
    def operation(self) -> _TencentOperation: ...
    @property
    def meeting_id(self) -> str: ...
    @property
    def operator(self) -> TencentUser: ...
    @property
    def targets(self) -> Tuple[TencentUser, ...]: ...
    @property
    @deprecated("TencentControl.users is deprecated; use .targets")
    def users(self) -> Tuple[TencentUser, ...]: ...
    @property
    def args(self) -> Dict[str, Union[bool, int, float, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TencentParticipant:
    """One participant now in a Tencent meeting."""

    @property
    def ms_open_id(self) -> Optional[str]: ...
    @property
    def userid(self) -> Optional[str]: ...
    @property
    def open_id(self) -> Optional[str]: ...
    @property
    def user_name(self) -> Optional[str]: ...
    @property
    def instance(self) -> Optional[Instance]: ...
    @property
    def instanceid(self) -> Optional[int]: ...
    @property
    def role(
        self,
    ) -> Optional[
        Literal["member", "creator", "host", "creator_host", "guest", "guest_host", "cohost", "creator_cohost"]
    ]: ...
    @property
    def audio_muted(self) -> Optional[bool]: ...
    @property
    def video_on(self) -> Optional[bool]: ...
    @property
    def sharing_screen(self) -> Optional[bool]: ...
    @property
    @deprecated("TencentParticipant.audio_on is deprecated; use .audio_muted (inverted)")
    def audio_on(self) -> Optional[bool]: ...
    @property
    @deprecated("TencentParticipant.screen_sharing is deprecated; use .sharing_screen")
    def screen_sharing(self) -> Optional[bool]: ...
    @property
    def raw(self) -> Dict[str, Any]: ...
    def as_user(self) -> Optional[TencentUser]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TencentClient:
    """A Tencent Meeting client."""

    def __new__(
        cls,
        app_id: str,
        secret_id: str,
        secret_key: str,
        sdk_id: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = 60.0,
        *,
        proxy: _Proxy = None,
        extra_ca_pem: _Pem = None,
        allow_insecure_http: bool = False,
        max_attempts: int = 3,
    ) -> TencentClient: ...
    @staticmethod
    def oauth(
        open_id: str,
        access_token: str,
        base_url: Optional[str] = None,
        timeout: Optional[float] = 60.0,
        *,
        proxy: _Proxy = None,
        extra_ca_pem: _Pem = None,
        allow_insecure_http: bool = False,
        max_attempts: int = 3,
    ) -> TencentClient: ...
    def call(self, control: TencentControl) -> Any: ...
    def prepare(self, control: TencentControl) -> PreparedRequest: ...
    # BEGIN GENERATED: TencentClient methods (cargo run -p xtask -- codegen)
    def set_cohost(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def revoke_cohost(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def close_video(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def open_video(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def mute(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def unmute(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def kick_out(
        self,
        meeting_id: str,
        operator: TencentUser,
        targets: Iterable[TencentUser],
        *,
        allow_rejoin: bool = True,
        reason: Optional[str] = None,
    ) -> None: ...
    def stop_screen_share(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def rename(self, meeting_id: str, operator: TencentUser, user: TencentUser, nick_name: str) -> None: ...
    def admit_from_waiting_room(
        self,
        meeting_id: str,
        operator: TencentUser,
        targets: Iterable[TencentUser],
    ) -> None: ...
    def move_to_waiting_room(self, meeting_id: str, operator: TencentUser, targets: Iterable[TencentUser]) -> None: ...
    def remove_from_waiting_room(
        self,
        meeting_id: str,
        operator: TencentUser,
        targets: Iterable[TencentUser],
        *,
        allow_rejoin: bool = True,
    ) -> None: ...
    def set_meeting_status(
        self,
        meeting_id: str,
        operator: TencentUser,
        *,
        mute_all: Optional[bool] = None,
        allow_unmute_by_self: Optional[bool] = None,
        meeting_locked: Optional[bool] = None,
        auto_waiting_room: Optional[bool] = None,
        share_screen: Optional[bool] = None,
        allow_chat: Optional[Literal[0, 1, 2]] = None,
        participant_join_mute: Optional[Literal[0, 1, 2]] = None,
        play_ivr_on_join: Optional[bool] = None,
        only_enterprise_user_allowed: Optional[bool] = None,
        hide_meeting_code_password: Optional[bool] = None,
    ) -> None: ...
    def set_doc_upload(self, meeting_id: str, operator: TencentUser, enable: bool) -> None: ...
    def set_transcription(self, meeting_id: str, operator: TencentUser, enable: bool) -> None: ...
    def end_meeting(
        self,
        meeting_id: str,
        operator: TencentUser,
        *,
        reason_code: int = 1,
        reason_detail: Optional[str] = None,
        force: bool = True,
        retrieve_code: bool = False,
    ) -> None: ...
    def cancel_room_call(
        self,
        meeting_id: str,
        operator: TencentUser,
        invite_id: str,
        *,
        meeting_room_id: Optional[str] = None,
        sip_address: Optional[str] = None,
        h323_address: Optional[str] = None,
    ) -> None: ...
    def phone_callout(self, meeting_id: str, operator: TencentUser, phone_numbers: _ListArg) -> None: ...
    def cancel_phone_callout(self, meeting_id: str, operator: TencentUser, phone_numbers: _ListArg) -> None: ...
    def release_rooms(self, meeting_id: str, operator: TencentUser, meeting_room_ids: Sequence[str]) -> None: ...
    def add_layouts(
        self,
        meeting_id: str,
        operator: TencentUser,
        layout_list: _ListArg,
        *,
        default_layout_order: Optional[int] = None,
    ) -> None: ...
    def add_advanced_layouts(self, meeting_id: str, operator: TencentUser, layout_list: _ListArg) -> None: ...
    def apply_layout(
        self,
        meeting_id: str,
        operator: TencentUser,
        layout_id: str,
        *,
        user_list: Optional[_ListArg] = None,
    ) -> None: ...
    # END GENERATED: TencentClient methods
    # BEGIN GENERATED: TencentClient lookups (cargo run -p xtask -- codegen)
    def meetings_by_code(self, meeting_code: str, operator: TencentUser) -> Tuple[TencentMeetingInfo, ...]: ...
    def meeting(self, meeting_id: str, operator: TencentUser) -> TencentMeetingInfo: ...
    def room_meetings(
        self,
        room_id: str,
        *,
        room_id_type: Literal[3, 5] = 3,
        instanceid: Literal[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 22, 30, 32, 33] = 20,
        start_time: Optional[int] = None,
        end_time: Optional[int] = None,
        page_size: int = 20,
    ) -> Tuple[TencentMeetingInfo, ...]: ...
    def waiting_room(
        self,
        meeting_id: str,
        operator: TencentUser,
        *,
        page_size: int = 50,
    ) -> Tuple[TencentWaitingMember, ...]: ...
    def attendance(
        self,
        meeting_id: str,
        operator: TencentUser,
        *,
        occurrence: Optional[str] = None,
        page_size: int = 100,
    ) -> Tuple[TencentAttendee, ...]: ...
    # END GENERATED: TencentClient lookups
    def participants(
        self, meeting_id: str, operator: TencentUser, *, occurrence: Optional[str] = None
    ) -> List[TencentParticipant]: ...
    LOOKUPS: ClassVar[Tuple[_TencentLookupName, ...]]
    def lookup(
        self, name: _TencentLookupName, operator: Optional[TencentUser] = None, args: _LookupArgs = None
    ) -> Any: ...
    def find(self, code_or_link: str, operator: TencentUser) -> Candidate: ...
    def doctor_raw(self, operator: Optional[TencentUser] = None) -> Dict[str, Any]: ...
    def ms_open_id(self, meeting_id: str, user: TencentUser) -> str: ...
    def room_call(
        self,
        meeting_id: str,
        operator: TencentUser,
        *,
        meeting_room_id: Optional[str] = None,
        sip_address: Optional[str] = None,
        h323_address: Optional[str] = None,
    ) -> str: ...
    def room_call_info(
        self,
        meeting_id: str,
        operator: TencentUser,
        *,
        meeting_room_id: Optional[str] = None,
        sip_address: Optional[str] = None,
        h323_address: Optional[str] = None,
    ) -> TencentRoomCallInfo: ...
    def request(self, method: str, path: str, query: _Query = None, body: Any = None) -> Any: ...
    def prepare_request(self, method: str, path: str, query: _Query = None, body: Any = None) -> PreparedRequest: ...
    @property
    def base_url(self) -> str: ...

@final
class HuaweiClient:
    """A Huawei Cloud Meeting client."""

    def __new__(
        cls,
        region: str = "cn-north-4",
        base_url: Optional[str] = None,
        timeout: Optional[float] = 60.0,
        *,
        proxy: _Proxy = None,
        extra_ca_pem: _Pem = None,
        allow_insecure_http: bool = False,
        max_attempts: int = 3,
    ) -> HuaweiClient: ...
    @staticmethod
    def app_id(
        app_id: str,
        app_key: str,
        user_id: Optional[str] = None,
        corp_id: Optional[str] = None,
        region: str = "cn-north-4",
        base_url: Optional[str] = None,
        timeout: Optional[float] = 60.0,
        *,
        proxy: _Proxy = None,
        extra_ca_pem: _Pem = None,
        allow_insecure_http: bool = False,
        max_attempts: int = 3,
    ) -> HuaweiClient: ...
    @staticmethod
    @deprecated("HuaweiClient.app_auth() is deprecated; use HuaweiClient.app_id()")
    def app_auth(
        app_id: str,
        app_key: str,
        user_id: Optional[str] = None,
        corp_id: Optional[str] = None,
        region: str = "cn-north-4",
        base_url: Optional[str] = None,
        timeout: Optional[float] = 60.0,
        *,
        proxy: _Proxy = None,
        extra_ca_pem: _Pem = None,
        allow_insecure_http: bool = False,
        max_attempts: int = 3,
    ) -> HuaweiClient: ...
    @staticmethod
    def account(
        account: str,
        password: str,
        region: str = "cn-north-4",
        base_url: Optional[str] = None,
        timeout: Optional[float] = 60.0,
        *,
        proxy: _Proxy = None,
        extra_ca_pem: _Pem = None,
        allow_insecure_http: bool = False,
        max_attempts: int = 3,
    ) -> HuaweiClient: ...
    def conference(
        self, conference_id: str, *, control_token: Optional[str] = None, password: Optional[str] = None
    ) -> HuaweiConference: ...
    def access_token(self) -> Optional[str]: ...
    def doctor_raw(self) -> Dict[str, Any]: ...
    LOOKUPS: ClassVar[Tuple[_HuaweiLookupName, ...]]
    def lookup(self, name: _HuaweiLookupName, args: _LookupArgs = None) -> Any: ...
    # BEGIN GENERATED: HuaweiClient lookups (cargo run -p xtask -- codegen)
    def online_conferences(
        self,
        *,
        search_key: Optional[str] = None,
        query_all: Optional[bool] = None,
        page_size: int = 100,
    ) -> Tuple[HuaweiConferenceSummary, ...]: ...
    def online_conference_details(self, conference_id: str, *, page_size: int = 100) -> HuaweiConferenceDetails: ...
    def conference_details(self, conference_id: str, *, page_size: int = 100) -> HuaweiConferenceDetails: ...
    def online_attendees(self, conference_id: str, *, page_size: int = 100) -> Tuple[HuaweiOnlineAttendee, ...]: ...
    def call_number_status(self, call_number: str) -> HuaweiCallNumberStatus: ...
    def conferences(
        self,
        *,
        search_key: Optional[str] = None,
        query_all: Optional[bool] = None,
        period: Optional[str] = None,
        sort: Optional[str] = None,
        page_size: int = 100,
    ) -> Tuple[HuaweiConferenceSummary, ...]: ...
    def webhook_config(self, *, corp_id: Optional[str] = None, sp_id: Optional[str] = None) -> HuaweiWebhookConfig: ...
    def management_site_status(self) -> HuaweiManagementSiteStatus: ...
    # END GENERATED: HuaweiClient lookups
    @property
    def region(self) -> str: ...
    @property
    def base_url(self) -> str: ...

@final
class HuaweiConference:
    """A handle on one Huawei conference."""

    @property
    def id(self) -> str: ...
    def call(self, control: HuaweiConferenceControl) -> Any: ...
    def prepare(self, control: HuaweiConferenceControl) -> PreparedRequest: ...
    # BEGIN GENERATED: HuaweiConference methods (cargo run -p xtask -- codegen)
    def apply_host(self, participant_id: str, chairman_password: str) -> None: ...
    def relinquish_host(self, participant_id: str) -> None: ...
    def mute(self, participant_id: str) -> None: ...
    def unmute(self, participant_id: str) -> None: ...
    def mute_all(self, *, allow_unmute_by_self: bool = True) -> None: ...
    def unmute_all(self) -> None: ...
    def hang_up(self, participant_ids: Iterable[str]) -> None: ...
    def set_cohost(self, participant_id: str) -> None: ...
    def revoke_cohost(self, participant_id: str) -> None: ...
    def lock(self) -> None: ...
    def unlock(self) -> None: ...
    def end(self) -> None: ...
    def stop_video(self, participant_id: str) -> None: ...
    def request_video(self, participant_id: str) -> None: ...
    def rename(self, participant_id: str, number: str, new_name: str) -> None: ...
    def lower_hand(self, participant_id: str) -> None: ...
    def admit_from_waiting_room(
        self,
        participant_id: Optional[str] = None,
        *,
        admit_all: Optional[bool] = None,
    ) -> None: ...
    def move_to_waiting_room(self, participant_ids: Iterable[str]) -> None: ...
    def extend(self, minutes: int) -> None: ...
    def start_recording(self) -> None: ...
    def stop_recording(self) -> None: ...
    def update_settings(
        self,
        *,
        lock_sharing: Optional[bool] = None,
        call_in_restriction: Optional[Literal[0, 2, 3]] = None,
        allow_unmute_by_self: Optional[bool] = None,
        chat_permission: Optional[Literal[1, 2, 3, 4]] = None,
        allow_open_camera: Optional[bool] = None,
        allow_rename: Optional[bool] = None,
        is_lock: Optional[bool] = None,
    ) -> None: ...
    def allow_unmute_by_self(self, allow: bool) -> None: ...
    def invite(self, attendees: _ListArg) -> None: ...
    def broadcast(self, participant_id: str) -> None: ...
    def cancel_broadcast(self) -> None: ...
    def roll_call(self, participant_id: str) -> None: ...
    def lower_hands(self, participant_ids: Iterable[str]) -> None: ...
    def host_view(self, participant_id: str) -> None: ...
    def host_view_multi_picture(self) -> None: ...
    def start_host_polling(self, *, switch_seconds: int = 10) -> None: ...
    def stop_host_polling(self) -> None: ...
    def participant_view(self, participant_id: str, watched_id: str) -> None: ...
    def lock_view(self, participant_id: str, source_id: str) -> None: ...
    def unlock_view(self, participant_id: str, source_id: str) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def move_one_to_waiting_room(self, participant_id: str) -> None: ...
    def allow_audience(self) -> None: ...
    def allow_client_record(self, participant_id: str, allow: bool) -> None: ...
    def start_mmr_recording(self) -> None: ...
    def pause_mmr_recording(self) -> None: ...
    def stop_mmr_recording(self) -> None: ...
    def start_mmr_live(self) -> None: ...
    def stop_mmr_live(self) -> None: ...
    def start_live(self) -> None: ...
    def stop_live(self) -> None: ...
    def remove_attendees(self, attendees: _ListArg) -> None: ...
    def invite_to_share(self, participant_id: str) -> None: ...
    def cancel_share_invitation(self, participant_id: str) -> None: ...
    def invite_with_password(
        self,
        number: str,
        conference_password: str,
        *,
        org_id: Optional[str] = None,
        number_type: Optional[Literal[0, 1]] = None,
    ) -> None: ...
    def switch_display_mode(self, mode: Literal["Fixed", "VAS"], multi_picture: bool) -> None: ...
    def delete_layout(self, layout_id: str) -> None: ...
    def start_interpretation(self) -> None: ...
    def stop_interpretation(self) -> None: ...
    def set_language_channel(
        self,
        participant_ids: Iterable[str],
        channel: str,
        *,
        include_original_voice: Optional[bool] = None,
    ) -> None: ...
    def set_custom_multi_picture(
        self,
        manual: bool,
        *,
        grid: Optional[_ObjectArg] = None,
        image_type: Optional[str] = None,
        pictures: Optional[_ListArg] = None,
        switch_seconds: Optional[int] = None,
        save_only: Optional[bool] = None,
    ) -> None: ...
    def save_layout(self, layout: _ObjectArg) -> None: ...
    def set_interpreter_groups(self, groups: _ListArg) -> None: ...
    # END GENERATED: HuaweiConference methods
    # BEGIN GENERATED: HuaweiConference lookups (cargo run -p xtask -- codegen)
    def ws_token(self) -> HuaweiWsToken: ...
    def layouts(self) -> Tuple[HuaweiLayout, ...]: ...
    # END GENERATED: HuaweiConference lookups
    def info(self) -> HuaweiConferenceInfo: ...
    def request(self, method: str, path: str, query: _Query = None, body: Any = None) -> Any: ...
    def prepare_request(self, method: str, path: str, query: _Query = None, body: Any = None) -> PreparedRequest: ...
    def control_token(self) -> str: ...
    LOOKUPS: ClassVar[Tuple[_HuaweiLookupName, ...]]
    def lookup(self, name: _HuaweiLookupName, args: _LookupArgs = None) -> Any: ...

@final
class HuaweiConferenceControl:
    """One Huawei conference-control operation as a value, for HuaweiConference.call/prepare."""

    OPERATIONS: ClassVar[Tuple[_HuaweiOperation, ...]]
    def __new__(
        cls, operation: _HuaweiOperation, participant_ids: Iterable[str] = (), **args: Union[_Arg, _ListArg, _ObjectArg]
    ) -> HuaweiConferenceControl: ...
    @property
    def operation(self) -> _HuaweiOperation: ...
    @property
    def participant_ids(self) -> Tuple[str, ...]: ...
    @property
    def args(self) -> Dict[str, Union[bool, int, float, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class HuaweiParticipant:
    """One participant online in a Huawei conference."""

    @property
    def participant_id(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def number(self) -> Optional[str]: ...
    @property
    def audio_muted(self) -> Optional[bool]: ...
    @property
    def video_on(self) -> Optional[bool]: ...
    @property
    @deprecated("HuaweiParticipant.muted is deprecated; use .audio_muted")
    def muted(self) -> Optional[bool]: ...
    @property
    @deprecated("HuaweiParticipant.video is deprecated; use .video_on")
    def video(self) -> Optional[bool]: ...
    @property
    def hand_raised(self) -> Optional[bool]: ...
    @property
    def role(self) -> Literal["host", "cohost", "attendee"]: ...
    @property
    def raw(self) -> Dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class HuaweiConferenceInfo:
    """A Huawei conference as it is now: host, co-hosts, everyone online."""

    @property
    def host_id(self) -> Optional[str]: ...
    @property
    def cohost_ids(self) -> Tuple[str, ...]: ...
    @property
    def participants(self) -> Tuple[HuaweiParticipant, ...]: ...
    @property
    def raw(self) -> Dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Participant:
    """One participant of a Meeting, the same type for both vendors; immutable."""

    @staticmethod
    def from_id(id: str) -> Participant: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def role(self) -> _Role: ...
    @property
    def device(self) -> Optional[str]: ...
    @property
    def audio_muted(self) -> Optional[bool]: ...
    @property
    def video_on(self) -> Optional[bool]: ...
    @property
    def hand_raised(self) -> Optional[bool]: ...
    @property
    def sharing_screen(self) -> Optional[bool]: ...
    @property
    def controllable(self) -> bool: ...
    @property
    def raw(self) -> Dict[str, Any]: ...
    @property
    def vendor(self) -> _Vendor: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Meeting:
    """One meeting on either vendor: the same calls on a Tencent meeting or a Huawei conference."""

    OPERATIONS: ClassVar[Tuple[_MeetingOperation, ...]]
    @staticmethod
    def tencent(
        client: TencentClient, meeting_id: str, operator: TencentUser, *, occurrence: Optional[str] = None
    ) -> Meeting: ...
    @staticmethod
    def huawei(conference: HuaweiConference) -> Meeting: ...
    @staticmethod
    def find_tencent(client: TencentClient, code_or_link: str, operator: TencentUser) -> Meeting: ...
    @staticmethod
    def find_huawei_by_number(
        client: HuaweiClient, sip_number: str, *, password: Optional[str] = None, control_token: Optional[str] = None
    ) -> Meeting: ...
    @staticmethod
    def find_huawei_by_conference_id(
        client: HuaweiClient,
        conference_id: str,
        *,
        password: Optional[str] = None,
        control_token: Optional[str] = None,
    ) -> Meeting: ...
    @property
    def occurrence(self) -> Optional[str]: ...
    def details_raw(self) -> Dict[str, Any]: ...
    def details(self) -> MeetingDetails: ...
    @property
    def vendor(self) -> _Vendor: ...
    @property
    def id(self) -> str: ...
    def capabilities(self) -> Tuple[_MeetingOperation, ...]: ...
    def supports(self, operation: _MeetingOperation) -> bool: ...
    def participants(self) -> List[Participant]: ...
    # BEGIN GENERATED: Meeting methods (cargo run -p xtask -- codegen)
    def mute(self, participant: Participant) -> None: ...
    def unmute(self, participant: Participant) -> None: ...
    def mute_all(self, *, allow_unmute_by_self: bool = True) -> None: ...
    def unmute_all(self) -> None: ...
    def remove(self, participant: Participant) -> None: ...
    def set_cohost(self, participant: Participant) -> None: ...
    def revoke_cohost(self, participant: Participant) -> None: ...
    def stop_video(self, participant: Participant) -> None: ...
    def rename(self, participant: Participant, name: str) -> None: ...
    def lock(self) -> None: ...
    def unlock(self) -> None: ...
    def end(self) -> None: ...
    def make_host(self, participant: Participant) -> None: ...
    def broadcast(self, participant: Participant) -> None: ...
    def cancel_broadcast(self) -> None: ...
    def lower_all_hands(self) -> None: ...
    def invite(
        self,
        *,
        phone: Optional[str] = None,
        country_code: int = 86,
        sip_address: Optional[str] = None,
        h323_address: Optional[str] = None,
        meeting_room_id: Optional[str] = None,
        name: Optional[str] = None,
    ) -> None: ...
    def cancel_invite(
        self,
        *,
        phone: Optional[str] = None,
        country_code: int = 86,
        sip_address: Optional[str] = None,
        h323_address: Optional[str] = None,
        meeting_room_id: Optional[str] = None,
    ) -> None: ...
    # END GENERATED: Meeting methods
    def control(self, operation: _MeetingControl, participant: Optional[Participant] = None, **args: Union[_Arg, _ListArg]) -> None: ...
    def watch(
        self, *, poll_interval: float = 2.0, queue: int = 10000, receiver: Optional[TencentReceiver] = None
    ) -> MeetingWatch: ...
    def events(self, *, receiver: Optional[TencentReceiver] = None, queue: int = 10000) -> MeetingWatch: ...

@final
class MeetingEvent:
    """One event of a watched meeting, the same type for both vendors; immutable."""

    @property
    def kind(self) -> _EventKind: ...
    @property
    def origin(self) -> _EventOrigin: ...
    @property
    def participant(self) -> Optional[Participant]: ...
    @property
    def before(self) -> Optional[Participant]: ...
    @property
    def changed(self) -> List[_ParticipantField]: ...
    @property
    def reason(self) -> Optional[str]: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def raw(self) -> Any: ...
    def to_json(self) -> Dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MeetingWatch:
    """A meeting watched: its roster kept current and its changes as MeetingEvents."""

    def next(self, timeout: Optional[float] = None) -> Optional[MeetingEvent]: ...
    def roster(self) -> List[Participant]: ...
    @property
    def finished(self) -> bool: ...
    def close(self) -> None: ...
    def __iter__(self) -> Iterator[MeetingEvent]: ...
    def __next__(self) -> MeetingEvent: ...
    def __enter__(self) -> MeetingWatch: ...
    def __exit__(self, kind: object, value: object, traceback: object, /) -> bool: ...

# Tencent webhooks. A header name or value: `str`, or `bytes` as sent on the wire.
_HeaderText = Union[str, bytes]

class _HeaderItems(Protocol):
    """Headers with `items()`: a dict, `http.server`'s message, a framework's headers."""

    def items(self) -> Iterable[Tuple[_HeaderText, _HeaderText]]: ...

_Headers = Union[_HeaderItems, Iterable[Tuple[_HeaderText, _HeaderText]]]

class _WebhookEvent:
    """What a Tencent and a Huawei webhook event both have (not a class at run time)."""

    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def time_ms(self) -> Optional[int]: ...
    @property
    def meeting_id(self) -> Optional[str]: ...
    @property
    def occurrence(self) -> Optional[str]: ...
    @property
    def raw(self) -> Dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TencentEvent(_WebhookEvent):
    """One Tencent Meeting event, verified and decoded."""

    @property
    def meeting_code(self) -> Optional[str]: ...
    @property
    def participant(self) -> Optional[TencentUser]: ...

_Event = TypeVar("_Event", "TencentEvent", "HuaweiEvent")

@final
class WebhookAnswer(Generic[_Event]):
    """What TencentWebhook.handle or HuaweiWebhook.handle says to answer, and the event to act on
    (``WebhookAnswer[TencentEvent]``, ``WebhookAnswer[HuaweiEvent]``)."""

    @classmethod
    def __class_getitem__(cls, item: Any) -> Any: ...

    @property
    def status(self) -> int: ...
    @property
    def body(self) -> bytes: ...
    @property
    def event(self) -> Optional[_Event]: ...
    @property
    def duplicate(self) -> bool: ...
    @property
    def refusal(self) -> Optional[str]: ...

@final
class TencentWebhook:
    """A Tencent webhook subscription's verifier and decoder, for your own HTTP server."""

    def __new__(cls, token: str, aes_key: Optional[str] = None, max_age: Optional[float] = 300) -> TencentWebhook: ...
    @property
    def max_age(self) -> Optional[float]: ...
    @property
    def encrypted(self) -> bool: ...
    def handle(
        self, method: str, url: str, headers: _Headers, body: Union[bytes, bytearray, None] = b""
    ) -> WebhookAnswer[TencentEvent]: ...

_Webhook = TypeVar("_Webhook", "TencentWebhook", "HuaweiWebhook")

class _Receiver(Generic[_Webhook, _Event]):
    """What TencentReceiver and HuaweiReceiver share (one macro at run time): an HTTP server on its
    own thread serving a vendor's webhook, and its queue of the vendor's events."""

    def __new__(
        cls,
        webhook: _Webhook,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        max_connections: int = 64,
        head_timeout: float = 5.0,
        request_timeout: float = 10.0,
        max_body: int = 1048576,
        queue: int = 1024,
        tls_cert: Optional[str] = None,
        tls_key: Optional[str] = None,
    ) -> Self: ...
    def reload_tls(self, tls_cert: str, tls_key: str) -> None: ...
    @property
    def address(self) -> Tuple[str, int]: ...
    @property
    def pending(self) -> int: ...
    @property
    def closed(self) -> bool: ...
    def next(self, timeout: Optional[float] = None) -> Optional[_Event]: ...
    def next_for(self, meeting_id: str, timeout: Optional[float] = None) -> Optional[_Event]: ...
    def events(self, timeout: Optional[float] = None) -> Iterator[_Event]: ...
    def events_for(self, meeting_id: str, timeout: Optional[float] = None) -> Iterator[_Event]: ...
    def close(self) -> None: ...
    def __iter__(self) -> Iterator[_Event]: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, kind: object, value: object, traceback: object, /) -> bool: ...

@final
class TencentReceiver(_Receiver[TencentWebhook, TencentEvent]):
    """A running Tencent webhook receiver: an HTTP server on its own thread, and its queue."""

@final
class HuaweiEvent(_WebhookEvent):
    """One Huawei enterprise event, verified."""

    @property
    def meeting_uuid(self) -> Optional[str]: ...
    @property
    def user_uuid(self) -> Optional[str]: ...
    @property
    def user_agent(self) -> Optional[str]: ...
    @property
    def account(self) -> Optional[str]: ...
    @property
    def participant_id(self) -> Optional[str]: ...
    @property
    def display_name(self) -> Optional[str]: ...
    @property
    def role(self) -> Optional[str]: ...
    @property
    def call_number(self) -> Optional[str]: ...
    @property
    def join_time_ms(self) -> Optional[int]: ...
    @property
    def left_time_ms(self) -> Optional[int]: ...
    @property
    def raw_json(self) -> str: ...

@final
class HuaweiWebhook:
    """A Huawei enterprise webhook subscription's verifier, for your own HTTP server."""

    def __new__(cls, subscriber_id: str, subscriber_key: str, max_age: Optional[float] = 300) -> HuaweiWebhook: ...
    @property
    def subscriber_id(self) -> str: ...
    @property
    def max_age(self) -> Optional[float]: ...
    def handle(
        self, method: str, url: str, headers: _Headers, body: Union[bytes, bytearray, None] = b""
    ) -> WebhookAnswer[HuaweiEvent]: ...

@final
class HuaweiReceiver(_Receiver[HuaweiWebhook, HuaweiEvent]):
    """A running Huawei enterprise webhook receiver: an HTTP server on its own thread, and its queue."""
