"""The direction lexicon of causes (narrator/llm/cause_words.py): morphemes, not a list of examples.
The sentences are the team's own, made up for these tests."""

import pytest

from narrator.llm.cause_words import words_direction


@pytest.mark.parametrize("cause, expected", [
    # heads and tails: compounds no list names
    ("机房扩容", "增加"), ("配套设备添购", "增加"), ("开支骤减", "减少"), ("科室撤并", "减少"),
    ("物价攀升", "增加"), ("用量递减", "减少"), ("办公费压降两成", "减少"), ("补贴停发", "减少"),
    # the polysemous morphemes only in their directional compounds
    ("收费标准上浮", "增加"), ("收费标准下调", "减少"), ("会议精简", "减少"), ("课题结项", "减少"),
    ("新招录3人", "增加"), ("新购置车辆", "增加"), ("新的管理办法", None), ("按新核定的基数缴纳", None),
    ("上年大修已完成", "减少"), ("完成年初预算的98%", None),
    # staff movements; 退休 alone points nowhere
    ("2人调离", "减少"), ("年内调入5人", "增加"), ("部分人员退休", None),
    # an activity is a direction only when done: 了 or a quantity after it
    ("集中采购了一批电脑", "增加"), ("购置3台服务器", "增加"), ("采购方式改为网上竞价", None),
    ("改由购买服务方式实施", None),
])
def test_morphemes_and_words(cause, expected):
    assert words_direction(cause) == expected


@pytest.mark.parametrize("cause, expected", [
    ("本年未举办培训班", "减少"),  # an action that did not happen
    ("不再续签服务合同", "减少"),
    ("没有新增项目", None),  # a negated direction points nowhere
    ("人员经费未减少", None),
    ("核算方式没有变化", None),  # a negated change: nothing moved
])
def test_negation(cause, expected):
    assert words_direction(cause) == expected


@pytest.mark.parametrize("cause, expected", [
    ("咨询费增幅回落", None),  # the rate fell, the amount still grew
    ("收入增长率下降", None),
    ("自有车辆减少，外租车辆费用相应增加", "增加"),  # the end point of a chain decides
    ("在编人员减少，临时聘用人员经费增加", "增加"),
    ("新增一个项目，两个项目结束", None),  # both ways, no effect stated
    ("人员有增有减", None),
    ("办公设备购置较上年减少", "减少"),  # a clause ending on a direction word: its predicate
    ("编外人员由30人精简为22人", "减少"), ("车辆由3辆增至5辆", "增加"),  # from … to: computed
    ("停车场建设", None), ("压实主体责任", None), ("增值税返还", None),  # nouns, not changes
])
def test_constructions(cause, expected):
    assert words_direction(cause) == expected
