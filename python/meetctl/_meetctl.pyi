"""Type stubs for the compiled module ``meetctl._meetctl`` (checked with ``mypy.stubtest``)."""

from typing import Any, Dict, Iterable, Mapping, Optional, Tuple, Union, final

from ._enums import Instance

__all__ = ["__version__", "TencentClient", "TencentUser", "PreparedRequest", "HuaweiClient", "Conference"]

__version__: str

_Query = Optional[Union[Mapping[str, Union[str, int]], Iterable[Tuple[str, Union[str, int]]]]]
_Proxy = Union[str, bool, None]
_Pem = Union[str, bytes, None]

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
    def header(self, name: str) -> Optional[str]: ...

@final
class TencentUser:
    """A Tencent Meeting participant: exactly one id plus the device they are on."""

    def __new__(
        cls,
        *,
        userid: Optional[str] = None,
        openid: Optional[str] = None,
        ms_open_id: Optional[str] = None,
        uuid: Optional[str] = None,
        instance: Union[Instance, int],
    ) -> TencentUser: ...
    @property
    def userid(self) -> Optional[str]: ...
    @property
    def openid(self) -> Optional[str]: ...
    @property
    def ms_open_id(self) -> Optional[str]: ...
    @property
    def uuid(self) -> Optional[str]: ...
    @property
    def instance(self) -> Instance: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

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
        timeout: Optional[float] = 10.0,
        *,
        proxy: _Proxy = None,
        ca_pem: _Pem = None,
    ) -> TencentClient: ...
    @staticmethod
    def oauth(
        open_id: str,
        access_token: str,
        base_url: Optional[str] = None,
        timeout: Optional[float] = 10.0,
        *,
        proxy: _Proxy = None,
        ca_pem: _Pem = None,
    ) -> TencentClient: ...
    def set_cohost(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def revoke_cohost(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def close_video(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> None: ...
    def request(self, method: str, path: str, query: _Query = None, body: Any = None) -> Any: ...
    def prepare_set_cohost(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> PreparedRequest: ...
    def prepare_revoke_cohost(
        self, meeting_id: str, operator: TencentUser, user: TencentUser
    ) -> PreparedRequest: ...
    def prepare_close_video(self, meeting_id: str, operator: TencentUser, user: TencentUser) -> PreparedRequest: ...
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
        timeout: Optional[float] = 10.0,
        *,
        proxy: _Proxy = None,
        ca_pem: _Pem = None,
    ) -> HuaweiClient: ...
    @staticmethod
    def app_auth(
        app_id: str,
        app_key: str,
        user_id: Optional[str] = None,
        corp_id: Optional[str] = None,
        region: str = "cn-north-4",
        base_url: Optional[str] = None,
        timeout: Optional[float] = 10.0,
        *,
        proxy: _Proxy = None,
        ca_pem: _Pem = None,
    ) -> HuaweiClient: ...
    @staticmethod
    def account(
        account: str,
        password: str,
        region: str = "cn-north-4",
        base_url: Optional[str] = None,
        timeout: Optional[float] = 10.0,
        *,
        proxy: _Proxy = None,
        ca_pem: _Pem = None,
    ) -> HuaweiClient: ...
    def conference(
        self, conference_id: str, *, control_token: Optional[str] = None, password: Optional[str] = None
    ) -> Conference: ...
    def access_token(self) -> Optional[str]: ...
    @property
    def region(self) -> str: ...
    @property
    def base_url(self) -> str: ...

@final
class Conference:
    """A handle on one Huawei conference."""

    @property
    def id(self) -> str: ...
    def apply_host(self, participant_id: str, chairman_password: str) -> None: ...
    def relinquish_host(self, participant_id: str) -> None: ...
    def request(self, method: str, path: str, query: _Query = None, body: Any = None) -> Any: ...
    def prepare_apply_host(self, participant_id: str, chairman_password: str) -> PreparedRequest: ...
    def prepare_relinquish_host(self, participant_id: str) -> PreparedRequest: ...
    def prepare_request(self, method: str, path: str, query: _Query = None, body: Any = None) -> PreparedRequest: ...
    def control_token(self) -> str: ...
