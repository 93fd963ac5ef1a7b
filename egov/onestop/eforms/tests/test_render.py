from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Province
from egov.onestop.eforms.engine import render
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.selectors import UnitGroup

pytestmark = pytest.mark.django_db


def test_text_field_with_help_and_error_is_labelled_described_and_escaped(
    form: FormDefinition,
) -> None:
    # Given a value with markup in it and an error on the field
    data = {"full_name": 'Trần <b>"An"</b>'}
    errors = {"full_name": "Cần nhập ít nhất 2 ký tự."}

    # When the form is rendered
    html = render(form, data, errors)

    # Then the field has its label, help, error, and the ARIA links between them
    assert (
        '<div class="ef-field ef-wide ef-invalid">\n'
        '<label for="f_full_name">Họ, chữ đệm và tên'
        '<span class="ef-req" aria-hidden="true"> *</span></label>\n'
        '<p class="ef-help" id="f_full_name-help">Viết có dấu, như trên thẻ căn cước.</p>\n'
        '<p class="ef-error" id="f_full_name-error"><span class="ef-vh">Lỗi: </span>'
        "Cần nhập ít nhất 2 ký tự.</p>\n"
        '<input type="text" id="f_full_name" name="f_full_name" '
        'value="Trần &lt;b&gt;&quot;An&quot;&lt;/b&gt;" aria-required="true" '
        'aria-invalid="true" aria-describedby="f_full_name-help f_full_name-error" '
        'autocomplete="name" maxlength="100">\n'
        "</div>"
    ) in html
    # and the error summary at the top links to it
    assert (
        '<div class="ef-summary error-summary" role="alert" tabindex="-1" '
        'aria-labelledby="ef-summary-title" data-error-summary>\n'
        '<h2 id="ef-summary-title">Vui lòng kiểm tra lại 1 mục dưới đây</h2>\n'
        "<ul>\n"
        '<li><a href="#f_full_name">Người yêu cầu – Họ, chữ đệm và tên: '
        "Cần nhập ít nhất 2 ký tự.</a></li>\n"
        "</ul>\n"
        "</div>"
    ) in html
    assert "<b>" not in html


def test_sections_are_fieldsets_with_legends_and_required_note(form: FormDefinition) -> None:
    html = render(form, {}, {})

    assert html.startswith(
        '<div class="eform">\n'
        '<p class="ef-note">Các mục có dấu * là bắt buộc.</p>\n'
        '<fieldset class="ef-section">\n'
        "<legend>Người yêu cầu</legend>\n"
        '<p class="ef-section-help">Điền sẵn từ tài khoản.</p>\n'
        '<div class="ef-grid">\n'
    )
    assert html.count('<fieldset class="ef-section">') == 2
    assert "<legend>Đề nghị</legend>" in html
    assert "ef-summary" not in html
    # No browser-side constraint: a half-filled draft can still be saved.
    assert " required" not in html
    assert "pattern=" not in html


def test_select_offers_the_enum_with_the_current_value_selected(form: FormDefinition) -> None:
    html = render(form, {"ethnicity": "Tày"}, {})

    assert (
        '<div class="ef-field">\n'
        '<label for="f_ethnicity">Dân tộc</label>\n'
        '<select id="f_ethnicity" name="f_ethnicity">\n'
        '<option value="">— Chọn —</option>\n'
        '<option value="Kinh">Kinh</option>\n'
        '<option value="Tày" selected>Tày</option>\n'
        "</select>\n"
        "</div>"
    ) in html


def test_radio_group_is_a_fieldset_with_legend(form: FormDefinition) -> None:
    html = render(form, {"sex": "nu"}, {"sex": "Vui lòng chọn một giá trị trong danh sách."})

    assert (
        '<fieldset class="ef-field ef-choices ef-wide ef-invalid" role="radiogroup" '
        'aria-required="true" aria-invalid="true" aria-describedby="f_sex-error">\n'
        '<legend>Giới tính<span class="ef-req" aria-hidden="true"> *</span></legend>\n'
        '<p class="ef-error" id="f_sex-error"><span class="ef-vh">Lỗi: </span>'
        "Vui lòng chọn một giá trị trong danh sách.</p>\n"
        '<div class="ef-options">\n'
        '<div class="ef-option"><input type="radio" id="f_sex-1" name="f_sex" value="nam" '
        'aria-invalid="true"><label for="f_sex-1">Nam</label></div>\n'
        '<div class="ef-option"><input type="radio" id="f_sex-2" name="f_sex" value="nu" '
        'checked aria-invalid="true"><label for="f_sex-2">Nữ</label></div>\n'
        "</div>\n"
        "</fieldset>"
    ) in html
    # The summary link lands on the first radio button.
    assert '<a href="#f_sex-1">Người yêu cầu – Giới tính: ' in html


def test_summary_names_a_declaration_by_its_section(form: FormDefinition) -> None:
    html = render(form, {}, {"agree": "Vui lòng đánh dấu lời cam đoan.", "": "Lỗi chung."})

    assert (
        "<ul>\n"
        '<li><a href="#f_agree">Đề nghị: Vui lòng đánh dấu lời cam đoan.</a></li>\n'
        "<li>Lỗi chung.</li>\n"
        "</ul>"
    ) in html


def test_dates_are_typed_day_first_and_numbers_tel_email_get_their_input_types(
    form: FormDefinition,
) -> None:
    html = render(form, {"birth_date": "2020-01-31", "copies": 2}, {})

    assert (
        '<input type="text" id="f_birth_date" name="f_birth_date" value="31/01/2020" '
        'inputmode="numeric" maxlength="10" aria-required="true" autocomplete="bday" '
        'placeholder="dd/mm/yyyy">'
    ) in html
    assert (
        '<input type="number" id="f_copies" name="f_copies" value="2" inputmode="numeric" '
        'step="1" min="1" max="10">'
    ) in html
    assert (
        '<input type="number" id="f_weight" name="f_weight" inputmode="decimal" step="any">'
    ) in html
    assert (
        '<input type="tel" id="f_phone" name="f_phone" spellcheck="false" autocomplete="tel">'
    ) in html
    assert (
        '<input type="email" id="f_email" name="f_email" spellcheck="false" autocomplete="email">'
    ) in html
    # 12 digits: a numeric keypad on phones.
    assert (
        '<input type="text" id="f_id_number" name="f_id_number" inputmode="numeric" '
        'spellcheck="false" aria-required="true" autocomplete="off">'
    ) in html
    assert (
        '<textarea id="f_address" name="f_address" rows="3" '
        'autocomplete="street-address"></textarea>'
    ) in html


def test_checkboxes_for_a_boolean_and_a_list(form: FormDefinition) -> None:
    html = render(form, {"agree": True, "languages": ["en"]}, {})

    assert (
        '<div class="ef-field ef-checkbox ef-wide">\n'
        '<div class="ef-option"><input type="checkbox" id="f_agree" name="f_agree" value="1" '
        'checked aria-required="true"><label for="f_agree">Tôi cam đoan'
        '<span class="ef-req" aria-hidden="true"> *</span></label></div>\n'
        "</div>"
    ) in html
    assert (
        '<div class="ef-option"><input type="checkbox" id="f_languages-1" name="f_languages" '
        'value="vi"><label for="f_languages-1">Việt</label></div>\n'
        '<div class="ef-option"><input type="checkbox" id="f_languages-2" name="f_languages" '
        'value="en" checked><label for="f_languages-2">Anh</label></div>'
    ) in html


def test_unit_select_lists_the_communes_of_the_tree_grouped_by_province(
    form: FormDefinition, province: Province
) -> None:
    long_an, tan_ninh = province.long_an.pk, province.tan_ninh.pk

    html = render(form, {"commune": long_an}, {})

    assert (
        '<div class="ef-field">\n'
        '<label for="f_commune">Xã, phường nơi cư trú'
        '<span class="ef-req" aria-hidden="true"> *</span></label>\n'
        '<select id="f_commune" name="f_commune" aria-required="true">\n'
        '<option value="">— Chọn xã, phường, đặc khu —</option>\n'
        '<optgroup label="Tỉnh Tây Ninh">\n'
        f'<option value="{long_an}" selected>Phường Long An</option>\n'
        f'<option value="{tan_ninh}">Phường Tân Ninh</option>\n'
        "</optgroup>\n"
        "</select>\n"
        "</div>"
    ) in html


def test_unit_choices_can_be_given_and_are_escaped(form: FormDefinition) -> None:
    units = [UnitGroup(label="Tỉnh <X>", options=[(7, 'Xã "A" & B')])]

    html = render(form, {}, {}, units=units)

    assert (
        '<optgroup label="Tỉnh &lt;X&gt;">\n<option value="7">Xã &quot;A&quot; &amp; B</option>'
    ) in html


def test_rendering_the_units_costs_one_query(
    form: FormDefinition, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        render(form, {}, {})
