"""narrator.read.rows: rows of tables printed as text, and their 其中 rows."""

from narrator.read.rows import children, table_rows

TABLE = ("项目 | 本年预算数 | 其中:财政拨款 |\n合计 | 20.00 | 20.00 |\n1.公务接待费 | 2.00 | 2.00 |\n"
         "2.公务用车费 | 18.00 | 18.00 |\n其中:(1)运行维护费 | 18.00 | 18.00 |\n(2)购置费 | 0 | 0 |\n"
         "注:本表按财政部规定编制，单位为万元 | 合计含基本和项目支出 |\n")


def test_rows_are_a_label_and_numbers_with_their_spans():
    rows = table_rows(TABLE)
    assert [r.label for r in rows] == ["合计", "1.公务接待费", "2.公务用车费", "其中:(1)运行维护费", "(2)购置费"]
    cell = rows[1].cells[0]
    assert TABLE[cell.start:cell.end] == "2.00" and cell.places == 2


def test_其中_rows_belong_to_the_row_above():
    ((parent, kids),) = children(table_rows(TABLE))
    assert parent.label == "2.公务用车费" and [k.label for k in kids] == ["其中:(1)运行维护费", "(2)购置费"]
