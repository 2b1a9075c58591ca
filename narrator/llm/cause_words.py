"""Which way a cause's own words point: the direction lexicon of the cause tier.

A 主要原因 pushes money one way through a few morphemes that Chinese budget prose builds
its verbs from, not through a closed list of verbs.  The lexicon is therefore written
from the shape of the language, not grown from examples:

* **Heads**: a verb whose first character is 增 扩 添 (more) or 减 降 压 缩 削 撤 停 (less)
  points that way whatever follows (扩容, 添购, 压降, 撤并, 停发 …).
* **Tails**: a verb whose last character is 增 升 涨 多 (more) or 减 降 缩 少 (less) states
  the result of a change (递增, 攀升, 锐减, 回缩 …).
* **Words** for the morphemes that are too polysemous to stand alone (提 in 提供/提租,
  上 in 上年/上级, 新 in 新政策, 节 in 节点, 结 in 结转 …): their directional compounds
  are listed whole, family by family, together with numbers.py's direction words and
  the vocabulary of staff movements (调入/招录 … 调出/离职 …, as counted in a unit's
  人员增减变动).  退休 is in neither list: it lowers salaries and raises 离退休费.
  Nor are the verbs of an activity (采购, 购买, 购置, 承办, 举办, 建设) by themselves: they say what the
  money went on, not that more went on it (采购方式由分散采购转为集中采购, 政府购买服务).
  Done — with 了 or a quantity after it (采购了一批…, 购置2辆…) — an activity is more;
  a purchase that adds (新购, 添购, 增购) is caught by its head.

Four constructions of the language are handled generally, not word by word:

* **Negation** (未 / 没有 / 不再 / 无 … + verb): an action that did not happen
  (未举办, 不再安排) is less money; a negated direction (未减少, 没有新增) points nowhere.
* **Growth-rate nouns** (增幅, 增速, 增长率 …): what follows them is about the rate,
  not the amount (增幅回落 still grew), so it points nowhere.
* **Chains**: when the words point both ways, the last clause that names money or
  follows a consequence word (导致, 相应, 随之 …) is the end point of the chain and
  decides (自有车辆减少，租车费用相应增加 → 增加); otherwise both ways is no direction.
* **From … to**: 由12人增至18人 — code compares the two numbers (numbers.py).

完成 is a finished piece of work (less to pay) except where it completes a budget,
a plan or a target (完成预算 is execution, not direction).  Segmentation is jieba's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from narrator.numbers import AMOUNT_WORDS, DIRECTION_SIGNS, change, sign

RISE, FALL = 1, -1

RISE_HEADS = frozenset("增扩添")
FALL_HEADS = frozenset("减降压缩削撤停")
RISE_TAILS = frozenset("增升涨多")
FALL_TAILS = frozenset("减降缩少")

# Compounds of the polysemous morphemes, by family (the first character names the family).
_RISE_WORDS = (
    "追加 追增 加大 加快 加密 加装 加开 加班 翻番 翻倍 倍增 攀升 抬升 抬高 提高 提升 提标 提档 提额 "
    "上调 上浮 上升 上涨 上扬 走高 升高 增高 扩大 延长 拉长 新增 新建 新设 新招 新进 新购 新开 新聘 "
    "新录用 新招录 新入职 新上马 上马 开工 开建 开通 开设 开办 启用 启动 投入使用 "
    "补发 补缴 补充 补齐 补足 补拨 增设").split()
_FALL_WORDS = (
    "下调 下浮 下降 下滑 下跌 走低 降低 压低 回落 滑落 跌落 回降 收缩 收窄 收紧 紧缩 萎缩 缩短 缩小 "
    "节约 节省 节支 节俭 精简 精减 裁减 裁撤 裁员 取消 免征 免收 免除 减免 暂停 暂缓 关停 关闭 终止 "
    "终结 中止 废止 停止 报废 作废 注销 撤销 完工 竣工 结束 结项 结题 结业 收尾 到期 退租 退出 "
    "清退 完成").split()
# Staff movements (the 人员增减变动 of a unit's statistics): who comes is paid, who goes is not.
_ARRIVALS = "调入 转入 划入 招录 招聘 录用 聘用 引进 到岗 入职 接收 安置".split()
_DEPARTURES = "调出 调离 转出 划出 离职 辞职 辞退 离岗 离任 去世 病故 死亡 解聘".split()

WORDS = {
    **{word: s for word, s in DIRECTION_SIGNS.items() if s},
    **dict.fromkeys(_RISE_WORDS + _ARRIVALS, RISE),
    **dict.fromkeys(_FALL_WORDS + _DEPARTURES, FALL),
}
# Words a head or tail morpheme would misread: nouns and fixed words, not changes.
NOT_DIRECTION = frozenset((
    "增值税 增值 增减 升降 涨跌 增长点 压力 压实 停车 停车场 停车位 多少 至少 不少 缺少 许多 诸多 "
    "众多 很多 较多 居多 大多 更多 最多 多种 多项 多次 多个 多方 多元 少数 多数 缩写 撤稿 "
    "减速带 降水 降雨 降水量 降雨量 差不多 好多 万多 一个多 多多 繁多 毫升 伸缩 起降 完成数").split())
# A negated change (没有变化, 未作调整) says that nothing moved.
CHANGE_WORDS = frozenset("变化 变动 调整 改变 差异 区别 波动".split())
RATE_NOUNS = frozenset("增幅 增速 增长率 涨幅 降幅 减幅 增长幅度 下降幅度 增长速度 增长比例 完成率 执行率".split())
# 无 is left out: it negates nouns (无变化), not actions.
NEGATORS = frozenset("未 没有 没 不 不再 未再 尚未 并未 暂未 未能 无需 不需 不必 不用 未曾 从未".split())
_NEGATION_FILLERS = frozenset("再 能 曾 予 予以 会 需".split())
# After these the clause states the effect: the end point of a chain.
CONSEQUENCE = frozenset("导致 致使 使得 造成 从而 进而 因而 因此 带动 相应 随之 以致 使 所以".split())
MONEY = re.compile(r"费|经费|支出|收入|资金|拨款|补助|补贴|开支|成本|金额|工资|薪酬|津贴|奖金|租金|款")
_WORK_TARGET = re.compile(r"预算|计划|目标|指标")
NEWNESS = frozenset(("新", "首次"))
ACTIVITIES = frozenset("采购 购买 购置 承办 举办 建设".split())
_DONE = re.compile(r"^(?:了|\d|[一二两三四五六七八九十几]+[批台套辆项个次场家件处座])")
_ACQUIRING = frozenset("建设招进购开聘录添装配增")  # 新建 新设 新招 新进 新购 …
_BOTH_WAYS = re.compile(r"有[增减升降多少进出]有[增减升降多少进出]")  # 有增有减, 有进有出: no direction
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSES = re.compile(r"[，,、；;。：:]")
_FROM_TO = re.compile(r"由(\d+(?:\.\d+)?)[^\d，,；;。]{0,10}?(?:增至|减至|降至|升至|增加到|减少到|下降到|"
                      r"扩大到|缩减到|至|到|为)(\d+(?:\.\d+)?)")


def words_direction(cause: str) -> str | None:
    """增加 or 减少 when the cause's own words point one way; None when none or both."""
    clauses = [_clause_signs(clause) for clause in _CLAUSES.split(cause) if clause.strip()]
    signs = {s for _, found in clauses for s in found}
    if len(signs) == 1:
        return AMOUNT_WORDS[signs.pop()]
    if not signs:
        return None
    effect = [found for is_effect, found in clauses if is_effect and found]
    return AMOUNT_WORDS[next(iter(effect[-1]))] if effect and len(effect[-1]) == 1 else None


def _clause_signs(clause: str) -> tuple[bool, set[int]]:
    """(whether the clause states an effect on money, the signs its words carry).

    Words both ways in one clause: a clause that ends on a direction word has it as its
    predicate (办公设备购置较上年减少 → 减少); otherwise the clause keeps both."""
    tokens = _tokens(_BOTH_WAYS.sub("增减", clause))
    signed: list[tuple[int, int]] = []  # (token index, sign)
    index = 0
    while index < len(tokens):
        token, step = tokens[index], 1
        if token in RATE_NOUNS:
            break  # what follows speaks of the rate, not of the amount
        if token in NEGATORS:
            negated = _negated(tokens, index)
            if negated is not None:
                if token_sign(tokens[negated]) is None and tokens[negated] not in CHANGE_WORDS:
                    signed.append((negated, FALL))  # an action that did not happen
                step = negated - index + 1
        elif token in ACTIVITIES and index + 1 < len(tokens) and _DONE.match(tokens[index + 1]):
            signed.append((index, RISE))  # 采购了一批, 购置车辆…: an activity done is more money
        elif token in NEWNESS and index + 1 < len(tokens) and _is_new_thing(token, tokens[index + 1]):
            signed.append((index + 1, RISE))
            step = 2
        elif (found := token_sign(token)) is not None and not (token == "完成" and _WORK_TARGET.search(clause)):
            signed.append((index, found))
        index += step
    signs = {s for _, s in signed} | _from_to(clause)
    if len(signs) > 1 and signed and signed[-1][0] == _last_word(tokens):
        signs = {signed[-1][1]}
    effect = bool(MONEY.search(clause)) or any(token in CONSEQUENCE for token in tokens)
    return effect, signs


def _last_word(tokens: list[str]) -> int:
    index = len(tokens) - 1
    while index > 0 and tokens[index] in ("了", "的", "等"):
        index -= 1
    return index


def _is_new_thing(marker: str, following: str) -> bool:
    """新 + a verb of acquiring (新招录, 新购置, 新建) is more; 新 + anything else (新政策,
    新核定的基数) is only new.  首次 (a first time) + any action is more."""
    if marker == "首次":
        return _is_action(following)
    return WORDS.get(following) == RISE or following[0] in _ACQUIRING


def token_sign(token: str) -> int | None:
    """The direction one jieba word carries, or None."""
    if token in NOT_DIRECTION or len(token) < 2:
        return {"增": RISE, "涨": RISE, "升": RISE, "减": FALL, "降": FALL, "缩": FALL}.get(token)
    listed = {s for word, s in WORDS.items() if word in token}
    if listed:
        return listed.pop() if len(listed) == 1 else None
    heads_tails = set()
    if token[0] in RISE_HEADS or token[-1] in RISE_TAILS:
        heads_tails.add(RISE)
    if token[0] in FALL_HEADS or token[-1] in FALL_TAILS:
        heads_tails.add(FALL)
    return heads_tails.pop() if len(heads_tails) == 1 else None


def _negated(tokens: list[str], index: int) -> int | None:
    """The index of the word a negator negates (past 再/能 …), or None at the clause's end."""
    after = index + 1
    while after < len(tokens) and tokens[after] in _NEGATION_FILLERS:
        after += 1
    return after if after < len(tokens) and _is_action(tokens[after]) else None


def _is_action(token: str) -> bool:
    return bool(_CJK.match(token)) and token not in ("的", "了", "是")


def _from_to(clause: str) -> set[int]:
    """由12人扩充至18人: the direction of the two numbers, computed."""
    return {s for s in (sign(change(Decimal(after), Decimal(before))) for before, after in _FROM_TO.findall(clause)) if s}


@lru_cache(maxsize=4096)
def _cut(clause: str) -> tuple[str, ...]:
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading on stderr otherwise
    return tuple(token for token in jieba.cut(clause) if token.strip())


def _tokens(clause: str) -> list[str]:
    return list(_cut(clause))  # a copy: the cached tuple stays as jieba cut it
