"""The remote signing service the deployment configured (config.remote_adapter)."""

from __future__ import annotations

from ..config import RemoteAdapter, SignatureConfig
from .adapter import RemoteSigningService
from .http_adapter import HttpRemoteSigningService
from .mysign import MySignService
from .smartca import SmartCAService


def remote_service(config: SignatureConfig) -> RemoteSigningService:
    if config.remote_adapter == RemoteAdapter.VNPT_SMARTCA:
        return SmartCAService.from_config(config)
    if config.remote_adapter == RemoteAdapter.VIETTEL_MYSIGN:
        return MySignService.from_config(config)
    return HttpRemoteSigningService.from_config(config)
