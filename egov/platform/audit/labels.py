"""Human labels of audit event types, for the trail pages."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENT_LABELS: dict[str, Promise] = {
    "organisation.unit_created": _("Tạo đơn vị"),
    "organisation.unit_updated": _("Sửa thông tin đơn vị"),
    "accounts.account_created": _("Tạo tài khoản"),
    "accounts.account_updated": _("Sửa tài khoản"),
    "accounts.role_granted": _("Giao vai trò"),
    "accounts.role_revoked": _("Thu hồi vai trò"),
    "accounts.platform_operator_granted": _("Cấp quyền quản trị nền tảng"),
    "workcalendar.decision_created": _("Nhập quyết định nghỉ lễ, làm bù"),
    "workcalendar.decision_updated": _("Sửa quyết định nghỉ lễ, làm bù"),
    "procedures.field_created": _("Tạo lĩnh vực"),
    "procedures.procedure_created": _("Thêm thủ tục hành chính"),
    "procedures.procedure_updated": _("Sửa thủ tục hành chính"),
    "procedures.process_saved": _("Lưu quy trình nội bộ"),
    "procedures.council_fee_set": _("Nhập mức thu do HĐND tỉnh quyết định"),
    "procedures.councilfee_created": _("Thêm mức thu do HĐND tỉnh quyết định"),
    "procedures.councilfee_updated": _("Sửa mức thu do HĐND tỉnh quyết định"),
    "procedures.councilfee_deleted": _("Xóa mức thu do HĐND tỉnh quyết định"),
    "citizens.registration_attempt": _("Thử đăng ký bằng thông tin đã có tài khoản"),
    "schedule.entry_added": _("Thêm mục lịch công tác"),
    "schedule.entry_changed": _("Sửa mục lịch công tác"),
    "schedule.entry_removed": _("Xóa mục lịch công tác (dự thảo)"),
    "schedule.entry_cancelled": _("Hoãn mục lịch công tác đã công bố"),
    "schedule.published": _("Duyệt và công bố lịch công tác tuần"),
    "dossiers.registered": _("Đăng ký hồ sơ"),
    "dossiers.accepted": _("Tiếp nhận hồ sơ"),
    "dossiers.refused_at_reception": _("Từ chối tiếp nhận"),
    "dossiers.claimed": _("Nhận xử lý"),
    "dossiers.assigned": _("Phân công xử lý"),
    "dossiers.forward": _("Chuyển xử lý"),
    "dossiers.approve": _("Phê duyệt"),
    "dossiers.return": _("Trả lại bước trước"),
    "dossiers.refused": _("Từ chối giải quyết"),
    "dossiers.consulted": _("Xin ý kiến"),
    "dossiers.consultation_answered": _("Trả lời xin ý kiến"),
    "dossiers.supplement_requested": _("Yêu cầu bổ sung"),
    "dossiers.supplement_received": _("Nhận hồ sơ bổ sung"),
    "dossiers.payment_requested": _("Yêu cầu nộp phí, thuế"),
    "dossiers.payment_confirmed": _("Xác nhận đã nộp phí, thuế"),
    "dossiers.result_recorded": _("Ghi nhận kết quả"),
    "dossiers.returned": _("Trả kết quả"),
    "dossiers.apology_issued": _("Lập thư xin lỗi, hẹn lại"),
    "dossiers.withdrawn": _("Rút hồ sơ"),
    "dossiers.stopped": _("Dừng xử lý"),
    "printing.form_printed": _("In phiếu"),
    "dossiers.scan_attached": _("Đính kèm bản quét"),
    "dossiers.draft_scans_kept": _("Giữ bản quét của biểu mẫu tiếp nhận chưa lưu được"),
    "dossiers.draft_scans_discarded": _("Xóa bản quét giữ tạm của biểu mẫu tiếp nhận"),
    "dossiers.draft_scans_pruned": _("Tự động xóa bản quét giữ tạm quá hạn"),
    "citizens.registered": _("Đăng ký tài khoản"),
    "citizens.email_confirmed": _("Xác nhận thư điện tử"),
    "citizens.phone_confirmed": _("Xác nhận số điện thoại"),
    "citizens.sms_code_sent": _("Gửi mã xác nhận qua tin nhắn"),
    "citizens.sms_code_locked": _("Khóa mã xác nhận do nhập sai nhiều lần"),
    "citizens.password_reset": _("Đặt lại mật khẩu"),
    "citizens.profile_updated": _("Cập nhật hồ sơ cá nhân"),
    "citizens.registered_by_identity": _("Đăng ký bằng định danh điện tử"),
    "citizens.identity_linked": _("Liên kết định danh điện tử"),
    "dossiers.personal_data_read": _("Xem thông tin cá nhân"),
    "accounts.account_deleted": _("Xóa tài khoản"),
    "workcalendar.decision_deleted": _("Xóa quyết định nghỉ lễ, làm bù"),
    "procedures.field_updated": _("Sửa lĩnh vực"),
    "procedures.field_deleted": _("Xóa lĩnh vực"),
    "procedures.procedure_deleted": _("Xóa thủ tục hành chính"),
    "eforms.formdefinition_created": _("Tạo biểu mẫu điện tử"),
    "eforms.formdefinition_updated": _("Sửa biểu mẫu điện tử"),
    "eforms.formdefinition_deleted": _("Xóa biểu mẫu điện tử"),
    "jobs.retried": _("Chạy lại tác vụ"),
    "notifications.read": _("Đọc thông báo"),
    "notifications.all_read": _("Đánh dấu đã đọc tất cả thông báo"),
    "notifications.email_resent": _("Gửi lại thư điện tử"),
    "outbox.gave_up": _("Ngừng gửi sau nhiều lần thất bại"),
    "worker.deadline_reminder": _("Nhắc hạn giải quyết"),
    "payments.started": _("Bắt đầu thanh toán trực tuyến"),
    "payments.paid": _("Thanh toán trực tuyến thành công"),
    "payments.paid_not_applied": _("Đã thanh toán nhưng chưa ghi nhận vào hồ sơ"),
    "portal.rated": _("Đánh giá mức độ hài lòng"),
    "portal.supplement_uploaded": _("Nộp bổ sung trực tuyến"),
    "portal.withdrawal_requested": _("Đề nghị rút hồ sơ"),
    "portalsync.resent": _("Gửi lại lên Cổng dịch vụ công quốc gia"),
    "reports.export_requested": _("Yêu cầu xuất báo cáo"),
    "office.register_book_exported": _("In, xuất sổ đăng ký văn bản"),
    "office.number_issued": _("Cấp số văn bản đi"),
    "office.incoming_registered": _("Vào sổ văn bản đến"),
    "office.incoming_assigned": _("Phân công xử lý văn bản đến"),
    "office.incoming_forwarded": _("Chuyển văn bản cho chuyên viên"),
    "office.incoming_read": _("Đọc văn bản đến"),
    "office.incoming_receive": _("Nhận văn bản đến"),
    "office.incoming_comment": _("Cho ý kiến về văn bản đến"),
    "office.incoming_complete": _("Hoàn thành xử lý văn bản đến"),
    "office.incoming_return": _("Trả lại văn bản đến"),
    "office.incoming_completed_by_reply": _("Hoàn thành xử lý văn bản đến bằng văn bản trả lời"),
    "office.outgoing_drafted": _("Tạo dự thảo văn bản đi"),
    "office.outgoing_version_added": _("Tải lên phiên bản dự thảo mới"),
    "office.outgoing_converted": _("Chuyển dự thảo DOCX sang PDF"),
    "office.outgoing_conversion_failed": _("Chuyển dự thảo sang PDF bị lỗi"),
    "office.outgoing_sent": _("Gửi dự thảo xem xét, trình ký"),
    "office.outgoing_review_comment": _("Cho ý kiến về dự thảo"),
    "office.outgoing_review_return": _("Trả lại dự thảo để sửa"),
    "office.outgoing_review_pass": _("Lãnh đạo phòng chuyển trình ký"),
    "office.outgoing_review_approve": _("Duyệt ký văn bản đi"),
    "office.outgoing_issued": _("Cấp số và phát hành văn bản đi"),
    "office.statistics_exported": _("In, xuất thống kê văn bản"),
    "exchange.agency_added": _("Thêm cơ quan vào danh bạ liên thông"),
    "exchange.agency_changed": _("Cập nhật cơ quan trong danh bạ liên thông"),
}

# Edits of an inline row in the administration (AuditedAdmin.save_formset):
# `<prefix>_<model>_added|changed|removed`; the row's model varies, so these
# are labelled by their action.
_INLINE_ACTIONS: dict[str, Promise] = {
    "_added": _("Thêm mục chi tiết"),
    "_changed": _("Sửa mục chi tiết"),
    "_removed": _("Xóa mục chi tiết"),
}


def event_label(event_type: str) -> str:
    label = EVENT_LABELS.get(event_type)
    if label is not None:
        return str(label)
    for suffix, action in _INLINE_ACTIONS.items():
        if event_type.endswith(suffix):
            return str(action)
    # Never show an officer a raw code; an unlabelled type is a bug the
    # labels test catches.
    return str(_("Thao tác khác"))
