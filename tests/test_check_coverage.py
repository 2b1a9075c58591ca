"""Coverage: every percentage is either checked against the amounts it is computed from or listed."""

from narrator.check import review_document
from narrator.extract import extract_text


def _coverage(text: str):
    return review_document(extract_text(text))[1]


def test_bound_percentages_are_counted_as_checked():
    read = _coverage("2024年度支出合计100.00万元，比上年增加20.00万元，增长25.00%。"
                     "其中：基本支出60.00万元，占60.00%；项目支出40.00万元，占40.00%。")
    assert (read.amounts, read.percentages, read.checked) == (4, 3, 3)
    assert read.unchecked == ()
    assert "3 个百分比已与所依据的金额核对" in read.line()


def test_a_rate_without_its_amounts_is_listed_not_judged():
    read = _coverage("三公经费支出100.00万元。其中：公务接待费支出决算减少6.00万元，下降30.00%。因公出国费下降10%。")
    reasons = {u.text: u.why for u in read.unchecked}
    assert reasons == {"下降30.00%": "不能确定增减率所依据的本年数", "下降10%": "增减率旁没有增减额"}
    assert "2 个未能确定所依据的金额" in read.line()


def test_a_text_with_no_numbers_says_it_read_nothing():
    read = _coverage("目录\n第一部分 部门概况\n第二部分 决算表\n第三部分 情况说明")
    assert read.amounts == read.percentages == 0
    assert "没有可核对的情况说明文字" in read.line()


def test_unchecked_spans_are_moved_onto_the_published_text():
    source = "公務接待費支出決算減少6.00萬元，下降30.00%。"
    document = extract_text(source)
    read = review_document(document)[1].moved(document.source_span)
    (item,) = read.unchecked
    assert source[item.start:item.end] == "下降30.00%"


def test_a_page_address_holds_no_percentages():
    read = _coverage("# source: http://example.gov.cn/news/%25E4%25B8%2589/12.html\n"
                     "支出合计100.00万元，其中基本支出80.00万元，占80.00%。见 www.example.gov.cn/a%20b 。")
    assert (read.percentages, read.checked) == (1, 1)
