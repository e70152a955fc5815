"""Attributed statements (analysis/stance/; CONTRACT.md, section ``stance``).

Every made-up sentence below was written for these tests, and its expected statements were
read off it by hand, following the contract and the annotation rules of ``tests/data/README.md``.
Each document opens with a short title line (``Tin ngắn``), so the sentence under test is a
body sentence (sentence 1, or later for documents of several sentences), never the title.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import tarfile
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from helpers import write

from analysis.errors import InputError
from analysis.reading.corpus import read_corpus
from analysis.reading.layout import parse_document
from analysis.stance.extract import STANCE_COLUMNS, STANCES, StanceExtractor, evaluate, load_register
from analysis.stance.gold import gold_agreement, read_gold
from analysis.text.vietnamese import fold

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "data" / "stance_gold.csv"
VNTC_GOLD = Path(__file__).resolve().parent / "data" / "vntc_stance_gold_dev.csv"
VNTC_SAMPLE = Path(__file__).resolve().parent / "data" / "vntc_stance_sample.csv"
TARBALL = ROOT.parent / "shared" / "corpora" / "vntc-train.tar.gz"

COLUMNS = ["doc_id", "date", "sentence_id", "actor", "cue", "stance", "content"]
CLASSES = {"assert", "emphasize", "inform", "propose", "agree", "praise", "thank", "commit", "concern", "oppose"}
TITLE = "Tin ngắn"


# --------------------------------------------------------------------------- helpers


def make_doc(body: str, *, doc_id: str = "tin", head: str = TITLE):
    """A made-up article: a title line, then ``body`` (each line one paragraph), as NFC."""
    return parse_document(doc_id, unicodedata.normalize("NFC", f"{head}\n{body}"))


def extract(body: str, **options) -> pd.DataFrame:
    return StanceExtractor(**options).extract([make_doc(body)])


def one_sentence(body: str, **options) -> pd.DataFrame:
    """Statements of a one-sentence body; fails unless the layout is title + that one sentence."""
    doc = make_doc(body)
    assert [s.kind for s in doc.sentences] == ["title", "body"], [doc.sentence_text(s) for s in doc.sentences]
    found = StanceExtractor(**options).extract([doc])
    assert set(found["sentence_id"]) <= {1}, found
    return found


def triples(found: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(actor, cue, stance) of each row, sorted: the contract does not fix the order within a sentence."""
    return sorted(zip(found["actor"], found["cue"], found["stance"]))


def quads(found: pd.DataFrame) -> list[tuple[int, str, str, str]]:
    return sorted(zip(found["sentence_id"].astype(int), found["actor"], found["cue"], found["stance"]))


# --------------------------------------------------------------------------- subject + cue + content
# One row per (actor, cue, stance); every stance class of the contract and each of its cue verbs.

CLASS_CASES = [
    # assert
    (
        "Thủ tướng Phạm Minh Chính khẳng định Việt Nam luôn dành ưu tiên cao nhất cho quan hệ với Lào.",
        [("Phạm Minh Chính", "khẳng định", "assert")],
    ),
    (
        "Thứ trưởng Nguyễn Mạnh Cường cho rằng kỳ họp năm nay mang tính chất đặc biệt.",
        [("Nguyễn Mạnh Cường", "cho rằng", "assert")],
    ),  # README: "cho rằng" is annotated as assert
    # emphasize
    ("Tổng Bí thư Tô Lâm nhấn mạnh hai bên cần hợp tác hiệu quả hơn.", [("Tô Lâm", "nhấn mạnh", "emphasize")]),
    (
        "Chủ tịch Quốc hội Trần Thanh Mẫn nêu rõ hai cơ quan lập pháp cần phối hợp chặt chẽ hơn.",
        [("Trần Thanh Mẫn", "nêu rõ", "emphasize")],
    ),
    # inform
    (
        "Đại sứ Nguyễn Minh Tâm cho biết cộng đồng người Việt tại Lào ngày càng lớn mạnh.",
        [("Nguyễn Minh Tâm", "cho biết", "inform")],
    ),
    (
        "Bộ trưởng Bùi Thanh Sơn nói hai nước đang chuẩn bị cho chuyến thăm cấp cao.",
        [("Bùi Thanh Sơn", "nói", "inform")],
    ),
    ("Hai Thủ tướng thông báo cho nhau về tình hình mỗi nước.", [("Hai Thủ tướng", "thông báo", "inform")]),
    # propose
    ("Tổng Bí thư Tô Lâm đề nghị hai bên đẩy nhanh tiến độ các dự án trọng điểm.", [("Tô Lâm", "đề nghị", "propose")]),
    (
        "Bộ trưởng Nguyễn Hồng Diên đề xuất hai bên sớm nâng cấp các cửa khẩu biên giới.",
        [("Nguyễn Hồng Diên", "đề xuất", "propose")],
    ),
    (
        "Thủ tướng Phạm Minh Chính yêu cầu các bộ ngành tháo gỡ vướng mắc cho doanh nghiệp.",
        [("Phạm Minh Chính", "yêu cầu", "propose")],
    ),
    ("Tổng Bí thư Tô Lâm kêu gọi doanh nghiệp Lào đầu tư nhiều hơn vào Việt Nam.", [("Tô Lâm", "kêu gọi", "propose")]),
    # agree
    ("Hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh.", [("Hai bên", "nhất trí", "agree")]),
    ("Hai Bộ trưởng thống nhất đẩy mạnh trao đổi đoàn các cấp.", [("Hai Bộ trưởng", "thống nhất", "agree")]),
    (
        "Thủ tướng Lào Sonexay Siphandone đồng ý mở thêm đường bay thẳng giữa hai thủ đô.",
        [("Sonexay Siphandone", "đồng ý", "agree")],
    ),
    # praise
    (
        "Hai Chủ tịch Quốc hội đánh giá cao kết quả hợp tác giữa hai cơ quan lập pháp.",
        [("Hai Chủ tịch Quốc hội", "đánh giá cao", "praise")],
    ),
    # the person in the content is not the actor
    (
        "Tổng Bí thư Tô Lâm hoan nghênh Thủ tướng Lào Sonexay Siphandone thăm chính thức Việt Nam.",
        [("Tô Lâm", "hoan nghênh", "praise")],
    ),
    ("Hai bên bày tỏ vui mừng trước những kết quả hợp tác thời gian qua.", [("Hai bên", "bày tỏ vui mừng", "praise")]),
    # thank
    (
        "Bộ trưởng Ngoại giao Thongsavanh Phomvihane cảm ơn Việt Nam đã hỗ trợ Lào trong năm Chủ tịch ASEAN.",
        [("Thongsavanh Phomvihane", "cảm ơn", "thank")],
    ),
    # commit
    (
        "Bộ trưởng Malaithong Kommasith cam kết tạo điều kiện thuận lợi cho doanh nghiệp Việt Nam.",
        [("Malaithong Kommasith", "cam kết", "commit")],
    ),
    # concern
    ("Hai bên quan ngại về tình hình an ninh phức tạp trong khu vực.", [("Hai bên", "quan ngại", "concern")]),
    (
        "Phó Thủ tướng Bùi Thanh Sơn lo ngại căng thẳng thương mại toàn cầu sẽ kéo dài.",
        [("Bùi Thanh Sơn", "lo ngại", "concern")],
    ),
    # oppose
    ("Việt Nam phản đối mọi hành vi đơn phương làm phức tạp thêm tình hình.", [("Việt Nam", "phản đối", "oppose")]),
    ("Bộ Ngoại giao bác bỏ những thông tin sai lệch về chuyến thăm.", [("Bộ Ngoại giao", "bác bỏ", "oppose")]),
    ("Hai nước lên án mọi hành động khủng bố.", [("Hai nước", "lên án", "oppose")]),
]


@pytest.mark.parametrize("sentence, expected", CLASS_CASES, ids=[c[1][0][1] for c in CLASS_CASES])
def test_subject_cue_content(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


def test_every_stance_class_has_an_example():
    assert {stance for _, rows in CLASS_CASES for _, _, stance in rows} == CLASSES
    assert set(STANCES) == CLASSES


# --------------------------------------------------------------------------- content

CONTENT_CASES = [
    (
        "Tổng Bí thư Tô Lâm nhấn mạnh hai bên cần hợp tác hiệu quả hơn.",
        [("Tô Lâm", "nhấn mạnh", "emphasize", "hai bên cần hợp tác hiệu quả hơn")],
    ),
    (
        "Theo Thứ trưởng Nguyễn Mạnh Cường, hai bên sẽ tổ chức kỳ họp vào tháng 12.",
        [("Nguyễn Mạnh Cường", "Theo", "inform", "hai bên sẽ tổ chức kỳ họp vào tháng 12")],
    ),
    (
        "“Quan hệ hai nước rất đặc biệt”, Thứ trưởng Nguyễn Mạnh Cường nhấn mạnh.",
        [("Nguyễn Mạnh Cường", "nhấn mạnh", "emphasize", "Quan hệ hai nước rất đặc biệt")],
    ),
    (
        "Tổng Bí thư Tô Lâm hoan nghênh tinh thần hợp tác; đề nghị hai bên tăng cường kết nối.",
        [
            ("Tô Lâm", "hoan nghênh", "praise", "tinh thần hợp tác"),
            ("Tô Lâm", "đề nghị", "propose", "hai bên tăng cường kết nối"),
        ],
    ),
    (
        "Hai bên quan ngại về tình hình an ninh phức tạp trong khu vực.",
        [("Hai bên", "quan ngại", "concern", "về tình hình an ninh phức tạp trong khu vực")],
    ),
]


@pytest.mark.parametrize("sentence, expected", CONTENT_CASES)
def test_content_is_what_was_said(sentence, expected):
    found = one_sentence(sentence)
    assert sorted(zip(found["actor"], found["cue"], found["stance"], found["content"])) == sorted(expected)


# --------------------------------------------------------------------------- "Theo X, ..."

THEO_CASES = [
    (
        "Theo Thứ trưởng Nguyễn Mạnh Cường, hai bên sẽ tổ chức kỳ họp vào tháng 12.",
        [(1, "Nguyễn Mạnh Cường", "Theo", "inform")],
    ),
    ("Theo Bộ Ngoại giao, chuyến thăm sẽ diễn ra vào cuối tháng này.", [(1, "Bộ Ngoại giao", "Theo", "inform")]),
    # a bare title after "Theo", resolved to the person named with it in the sentence before
    (
        "Thứ trưởng Nguyễn Mạnh Cường trả lời phỏng vấn báo chí. Theo Thứ trưởng, kỳ họp năm nay rất đặc biệt.",
        [(2, "Nguyễn Mạnh Cường", "Theo", "inform")],
    ),
    # no actor: a plan is not a speaker
    ("Theo kế hoạch, hai bên sẽ họp.", []),
    ("Theo thông lệ, kỳ họp được tổ chức luân phiên tại mỗi nước.", []),
]


@pytest.mark.parametrize("body, expected", THEO_CASES)
def test_theo_attribution(body, expected):
    assert quads(extract(body)) == sorted(expected)


# --------------------------------------------------------------------------- quotations

QUOTE_CASES = [
    # quotation, then "X + cue"
    (
        "“Quan hệ hai nước rất đặc biệt”, Thứ trưởng Nguyễn Mạnh Cường nhấn mạnh.",
        [(1, "Nguyễn Mạnh Cường", "nhấn mạnh", "emphasize", "Quan hệ hai nước rất đặc biệt")],
    ),
    # "“...”. - Thủ tướng nêu rõ." with the Prime Minister named earlier: bare title resolved
    (
        "Thủ tướng Phạm Minh Chính làm việc với Đại sứ quán Việt Nam tại Lào.\n"
        "“Các cơ quan đại diện cần chủ động hơn trong công tác bảo hộ công dân”. - Thủ tướng nêu rõ.",
        [
            (
                2,
                "Phạm Minh Chính",
                "nêu rõ",
                "emphasize",
                "Các cơ quan đại diện cần chủ động hơn trong công tác bảo hộ công dân",
            )
        ],
    ),
    # a quotation over two sentences, attributed in the second: one row, at the sentence of the cue
    (
        "“Quan hệ Việt Nam - Lào là tài sản vô giá. Hai bên cần giữ gìn và phát huy”, "
        "Thứ trưởng Nguyễn Mạnh Cường nhấn mạnh.",
        [
            (
                2,
                "Nguyễn Mạnh Cường",
                "nhấn mạnh",
                "emphasize",
                "Quan hệ Việt Nam - Lào là tài sản vô giá. Hai bên cần giữ gìn và phát huy",
            )
        ],
    ),
]


@pytest.mark.parametrize("body, expected", QUOTE_CASES)
def test_quotation_then_speaker(body, expected):
    doc = make_doc(body)
    assert all(s.kind == "body" for s in doc.sentences[1:])
    assert len(doc.sentences) == 1 + max(row[0] for row in expected)  # the cue is in the last sentence
    found = StanceExtractor().extract([doc])
    got = sorted(zip(found["sentence_id"].astype(int), found["actor"], found["cue"], found["stance"], found["content"]))
    assert got == sorted(expected)


# --------------------------------------------------------------------------- fronted clauses

FRONTED_CASES = [
    (
        "Chiều 5/2, trong cuộc hội kiến Thủ tướng Lào Sonexay Siphandone, Tổng Bí thư Tô Lâm nhấn mạnh "
        "hai nước cần tăng cường kết nối kinh tế.",
        [("Tô Lâm", "nhấn mạnh", "emphasize")],
    ),
    (
        "Tại buổi làm việc với Thủ tướng Phạm Minh Chính, Đại sứ Nguyễn Minh Tâm cho biết cộng đồng người Việt "
        "tại Lào ổn định.",
        [("Nguyễn Minh Tâm", "cho biết", "inform")],
    ),
    (
        "Đáp lại, Thủ tướng Lào Sonexay Siphandone cảm ơn sự giúp đỡ quý báu của Việt Nam.",
        [("Sonexay Siphandone", "cảm ơn", "thank")],
    ),
    # an apposition: the name, then her office, then the cue
    (
        "Tại buổi tiếp, bà Kiều Thị Hồng Phúc, Tổng Lãnh sự Việt Nam tại Luang Prabang cho biết tỉnh bạn "
        "luôn tạo điều kiện cho kiều bào.",
        [("Kiều Thị Hồng Phúc", "cho biết", "inform")],
    ),
]


@pytest.mark.parametrize("sentence, expected", FRONTED_CASES)
def test_subject_after_fronted_clause(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# --------------------------------------------------------------------------- collectives, countries, bodies

COLLECTIVE_CASES = [
    ("Hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh.", [("Hai bên", "nhất trí", "agree")]),
    ("Hai Thủ tướng thông báo cho nhau về tình hình mỗi nước.", [("Hai Thủ tướng", "thông báo", "inform")]),
    (
        "Hai Chủ tịch Quốc hội đánh giá cao kết quả hợp tác giữa hai cơ quan lập pháp.",
        [("Hai Chủ tịch Quốc hội", "đánh giá cao", "praise")],
    ),
    # the cue as written is "nhất trí": "cao" is an intensifier (README, 001/11)
    (
        "Hai nhà lãnh đạo nhất trí cao về định hướng hợp tác trong thời gian tới.",
        [("Hai nhà lãnh đạo", "nhất trí", "agree")],
    ),
    (
        "Việt Nam - Lào khẳng định quan hệ đặc biệt là tài sản chung vô giá.",
        [("Việt Nam - Lào", "khẳng định", "assert")],
    ),
    ("Bộ Ngoại giao cho biết chuyến thăm sẽ diễn ra vào cuối tháng.", [("Bộ Ngoại giao", "cho biết", "inform")]),
]


@pytest.mark.parametrize("sentence, expected", COLLECTIVE_CASES)
def test_collective_actor_as_written(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# --------------------------------------------------------------------------- bare titles and pronouns

RESOLUTION_CASES = [
    (
        "Thứ trưởng Bộ Ngoại giao Nguyễn Mạnh Cường tiếp Đại sứ Lào tại Hà Nội. "
        "Thứ trưởng cho biết hai bên đang chuẩn bị kỳ họp thường niên.",
        [(2, "Nguyễn Mạnh Cường", "cho biết", "inform")],
    ),
    (
        "Chiều 9/10, bà Kiều Thị Hồng Phúc tiếp đoàn doanh nghiệp Việt Nam tại Luang Prabang. "
        "Bà cho biết cộng đồng người Việt tại đây luôn đoàn kết.",
        [(2, "Kiều Thị Hồng Phúc", "cho biết", "inform")],
    ),
    # "Ông" goes to the person LAST named with it, not the first
    (
        "Ông Nguyễn Hồng Diên chủ trì hội nghị. "
        "Sau đó, ông Malaithong Kommasith dẫn đầu đoàn doanh nghiệp Lào đến thăm nhà máy. "
        "Ông cảm ơn phía Việt Nam đã đón tiếp chu đáo.",
        [(3, "Malaithong Kommasith", "cảm ơn", "thank")],
    ),
    # a person who is not in the register still counts as "last named with" the title
    (
        "Thứ trưởng Nguyễn Mạnh Cường đón đoàn Lào tại sân bay. "
        "Thứ trưởng Ngoại giao Lào Phoxay Khaykhamphithoune dẫn đầu đoàn. "
        "Thứ trưởng cho biết chuyến thăm nhằm chuẩn bị cho kỳ họp.",
        [(3, "Phoxay Khaykhamphithoune", "cho biết", "inform")],
    ),
    # a bare title later in a "“...”. - Thủ tướng nêu rõ." sentence is covered in QUOTE_CASES
]


@pytest.mark.parametrize("body, expected", RESOLUTION_CASES)
def test_bare_title_and_pronoun_resolved(body, expected):
    doc = make_doc(body)
    assert len(doc.sentences) == 1 + expected[-1][0]
    assert quads(StanceExtractor().extract([doc])) == sorted(expected)


# A title or pronoun whose person is never named in the document is left as written, with
# actor_type "unresolved" (issue 10: resolved "or left as written when nothing fits").
UNRESOLVED_CASES = [
    ("Thứ trưởng cho biết hai bên sẽ sớm ký kết hiệp định mới.", "Thứ trưởng"),
    ("Bà cho biết cộng đồng người Việt tại đây luôn đoàn kết.", "Bà"),
    ("Thủ tướng nhấn mạnh hai nước cần tăng cường kết nối kinh tế.", "Thủ tướng"),
    ("Ông ta nói sẽ không từ chức.", "Ông ta"),
    ("Họ cho biết sẽ tiếp tục biểu tình.", "Họ"),
]


@pytest.mark.parametrize("sentence, actor", UNRESOLVED_CASES)
def test_title_never_named_is_left_as_written_unresolved(sentence, actor):
    found = one_sentence(sentence)
    assert found["actor"].tolist() == [actor]
    assert found["actor_type"].tolist() == ["unresolved"]


# --------------------------------------------------------------------------- actors without the register
# Nobody below is in data/actors.toml: the actor is read from the words before the cue.

OPEN_ACTOR_CASES = [
    (
        "Tổng thống Ai Cập Mubarak tuyên bố chính phủ sẽ bồi thường cho các nạn nhân.",
        ("Mubarak", "tuyên bố", "inform", "person"),
    ),
    (
        "Người phát ngôn Nhà Trắng Scott McClellan cho biết Mỹ sẽ tham khảo ý kiến các đồng minh.",
        ("Scott McClellan", "cho biết", "inform", "person"),
    ),
    (
        "Giám đốc Nhà máy Thủy điện Hòa Bình Nguyễn Văn Thành cho biết mực nước hồ đang rất thấp.",
        ("Nguyễn Văn Thành", "cho biết", "inform", "person"),
    ),
    (
        "Giáo sư xã hội học François Dubet nhận định phong trào sẽ còn kéo dài.",
        ("François Dubet", "nhận định", "assert", "person"),
    ),
    (
        "Bộ Giao thông vận tải cho hay sẽ kiểm tra toàn bộ các tuyến đường.",
        ("Bộ Giao thông vận tải", "cho hay", "inform", "body"),
    ),
    ("Cảnh sát cho biết hai nghi phạm đã bị bắt giữ ngay trong đêm.", ("Cảnh sát", "cho biết", "inform", "body")),
    ("Hãng tin AFP cho biết đoàn xe đã rời thủ đô vào sáng nay.", ("Hãng tin AFP", "cho biết", "inform", "media")),
    ("Seoul bác bỏ thông tin về việc rút quân khỏi khu vực biên giới.", ("Seoul", "bác bỏ", "oppose", "country")),
    (
        "Các nhà phân tích cho rằng giá dầu sẽ còn tăng trong năm tới.",
        ("Các nhà phân tích", "cho rằng", "assert", "collective"),
    ),
    (
        "Một quan chức Mỹ xác nhận có hai binh sĩ bị thương trong vụ tấn công.",
        ("Một quan chức Mỹ", "xác nhận", "assert", "person"),
    ),
    ("Askari tức giận cho hay viên thuyền trưởng đã bỏ tàu đi trước.", ("Askari", "cho hay", "inform", "person")),
    # a description between the speaker and the verb
    (
        "Ông Lê Trung Huynh, tổ trưởng tổ 42, cho biết khu phố đã sạch hơn nhiều.",
        ("Lê Trung Huynh", "cho biết", "inform", "person"),
    ),
    (
        "Bà Trần Thị Lan (Phó giám đốc Sở Y tế) cho biết bệnh viện đã có đủ thuốc.",
        ("Trần Thị Lan", "cho biết", "inform", "person"),
    ),
    (
        "Thứ trưởng Nguyễn Văn An chiều 15/8 cho biết dự án sẽ khởi công trong năm nay.",
        ("Nguyễn Văn An", "cho biết", "inform", "person"),
    ),
    (
        "TS Nguyễn Khắc Cảnh - Trưởng ban Công tác sinh viên cho biết ký túc xá còn thiếu chỗ.",
        ("Nguyễn Khắc Cảnh", "cho biết", "inform", "person"),
    ),
    (
        "Ông Bùi Anh Tuấn, ngụ đường Văn Chung, Q.Tân Bình, cho biết giá đất tăng quá nhanh.",
        ("Bùi Anh Tuấn", "cho biết", "inform", "person"),
    ),
    (
        "Một quan chức Mỹ yêu cầu giấu tên cho biết còn quá sớm để kết luận.",  # "yêu cầu giấu tên" asks nothing
        ("Một quan chức Mỹ", "cho biết", "inform", "person"),
    ),
    # a title set off by a comma before the person it names: the name, not the title alone
    (
        "Người phát ngôn lực lượng cứu hộ Thái Lan, đại tá Somchai Rattana cho biết còn ba người mất tích.",
        ("Somchai Rattana", "cho biết", "inform", "person"),
    ),
    (
        "Giám đốc trung tâm, ông Lê Minh Hải cho biết năm nay có thêm hai lớp học.",
        ("Lê Minh Hải", "cho biết", "inform", "person"),
    ),
    # a continent after "châu" is no part of the name after it ("Âu" is also a Vietnamese family name)
    (
        "Uỷ viên thương mại châu Âu Peter Lindqvist nhấn mạnh hai bên cần đàm phán thêm.",
        ("Peter Lindqvist", "nhấn mạnh", "emphasize", "person"),
    ),
    (
        "Người đứng đầu Ngân hàng Phát triển châu Á Kenji Tanaka cho rằng tăng trưởng sẽ chậm lại.",
        ("Kenji Tanaka", "cho rằng", "assert", "person"),
    ),
    ("Bà Âu Thị Hồng cho biết gia đình đã nhận đủ tiền đền bù.", ("Âu Thị Hồng", "cho biết", "inform", "person")),
    # a title, then the person's name set off by dashes; a dateline's dash is no such thing
    (
        "Hôm qua, đại diện thường trực Brazil tại WTO - Carlos Mendes - tuyên bố nước này sẽ kháng nghị.",
        ("Carlos Mendes", "tuyên bố", "inform", "person"),
    ),
    (
        "(TTXVN - Hà Nội) - Sáng 3-5, Thủ tướng Chính phủ đã gửi công điện yêu cầu các tỉnh khẩn trương chống hạn.",
        ("Thủ tướng Chính phủ", "yêu cầu", "propose", "person"),
    ),
]


@pytest.mark.parametrize("sentence, expected", OPEN_ACTOR_CASES, ids=[c[1][0] for c in OPEN_ACTOR_CASES])
def test_actor_without_the_register(sentence, expected):
    found = one_sentence(sentence)
    assert list(zip(found["actor"], found["cue"], found["stance"], found["actor_type"])) == [expected]


# Theo in all its forms: attribution (stance inform), cue "Theo" as written.
THEO_FORM_CASES = [
    ("Theo nhận định của Bộ Y tế, dịch bệnh đã được kiểm soát.", [("Bộ Y tế", "Theo", "inform")]),
    (
        "Theo thông cáo của Bộ Ngoại giao Chile, hai nước sẽ nối lại đàm phán.",
        [("Bộ Ngoại giao Chile", "Theo", "inform")],
    ),
    ("Còn theo ông Nguyễn Văn Bình, giá đất sẽ còn tăng.", [("Nguyễn Văn Bình", "theo", "inform")]),
    ("Hợp đồng mới, theo giáo sư Dubet, sẽ khiến thanh niên thêm bất an.", [("Dubet", "theo", "inform")]),
    ("Theo AFP, đoàn đàm phán đã rời Geneva.", [("AFP", "Theo", "inform")]),
    (
        "Theo TTXVN, Tổng Bí thư Nông Đức Mạnh biểu dương thành tích của bốn văn phòng.",
        [("TTXVN", "Theo", "inform"), ("Nông Đức Mạnh", "biểu dương", "praise")],
    ),
    # no source of a statement
    ("Theo hướng dẫn, người dân phải khai báo trước ngày 15.", []),
    ("Theo quy định, doanh nghiệp phải nộp thuế đúng hạn.", []),
    ("Chính phủ sẽ điều chỉnh chính sách theo hướng có lợi cho người dân.", []),
    ("Em theo bạn bè đi chơi, cả nhà lo lắng.", []),
]


@pytest.mark.parametrize("sentence, expected", THEO_FORM_CASES)
def test_theo_forms(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# References resolved to the nearest fitting earlier actor of the document.
REFERENCE_CASES = [
    (
        "Ông Trần Xuân Sinh là giám đốc xí nghiệp. Ông Sinh khẳng định tàu đã được kiểm định an toàn.",
        [(2, "Trần Xuân Sinh", "khẳng định", "assert")],
    ),
    (
        "Ngoại trưởng Pháp Michel Barnier đến thăm bệnh viện. Ông ta cho biết tình trạng bệnh nhân rất nghiêm trọng.",
        [(2, "Michel Barnier", "cho biết", "inform")],
    ),
    (
        "Bà Trần Thị Nguyệt sống cạnh nhà nạn nhân. Bà ấy nói cả xóm vẫn chưa hết bàng hoàng.",
        [(2, "Trần Thị Nguyệt", "nói", "inform")],
    ),
    (
        "Các đại biểu cho biết dự luật còn nhiều điểm chưa rõ. Họ đề nghị ban soạn thảo sửa lại điều 5.",
        [(1, "Các đại biểu", "cho biết", "inform"), (2, "Các đại biểu", "đề nghị", "propose")],
    ),
    (
        "Tờ Yedioth Ahronoth cho biết ông Arafat đang hôn mê sâu. Tờ báo dẫn lời bác sĩ riêng của ông.",
        [(1, "Tờ Yedioth Ahronoth", "cho biết", "inform"), (2, "Tờ Yedioth Ahronoth", "dẫn lời", "inform")],
    ),
    (
        "Ông Nguyễn Quá làm nghề gốm đã 30 năm. Theo lời ông Quá, lò gốm đầu tiên đã bán hết hàng.",
        [(2, "Nguyễn Quá", "Theo", "inform")],
    ),
    # "X này": the person nearest to the last mention of the head noun, not merely the last person
    (
        "Theo lời khai của Rani Kamal - sĩ quan chỉ huy thứ ba trên tàu - nước đã tràn vào khoang. Hành khách "
        'Askari nói rằng thủy thủ bỏ chạy trước. "Con tàu lật rất nhanh" - viên chỉ huy này cho hay.',
        [
            (1, "Rani Kamal", "Theo", "inform"),
            (2, "Askari", "nói rằng", "inform"),
            (3, "Rani Kamal", "cho hay", "inform"),
        ],
    ),
    # an elided subject carried from the previous sentence
    (
        "Bộ trưởng Nguyễn Văn Bình đánh giá cao nỗ lực của ngành ngân hàng. Đồng thời khẳng định lãi suất sẽ "
        "tiếp tục giảm.",
        [(1, "Nguyễn Văn Bình", "đánh giá cao", "praise"), (2, "Nguyễn Văn Bình", "khẳng định", "assert")],
    ),
]


@pytest.mark.parametrize("body, expected", REFERENCE_CASES)
def test_references_resolved(body, expected):
    assert quads(extract(body)) == sorted(expected)


# Quotations in straight or curly quotes, the speaker before or after; a verb inside is not a statement.
QUOTE_FORM_CASES = [
    ('"Chúng tôi sẽ không lùi bước", ông Nguyễn Văn Bình nói.', [("Nguyễn Văn Bình", "nói", "inform")]),
    (
        "“Mọi thứ đã bị phá hủy hoàn toàn” - Askari - một hành khách sống sót - nhớ lại.",
        [("Askari", "nhớ lại", "inform")],
    ),
    ('Ông Tunji nói: "Cảnh sát cho biết hộp đen đã được tìm thấy".', [("Tunji", "nói", "inform")]),
    ("Bà Wang nói: “Chính phủ khẳng định sẽ hỗ trợ người dân”.", [("Wang", "nói", "inform")]),
]


@pytest.mark.parametrize("sentence, expected", QUOTE_FORM_CASES)
def test_quotation_forms(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# More patterns of real news, and what is not a statement.
MORE_PATTERN_CASES = [
    # any verb before a colon and a quotation, after a speaker: inform
    ("Ông Bùi Anh Tuấn bức xúc: “Giá đất tăng quá nhanh”.", [("Bùi Anh Tuấn", "bức xúc", "inform")]),
    # a quoting verb: its content is another speaker's statement
    (
        "Hãng tin AFP dẫn lời các chuyên gia cho rằng máy bay rơi do thời tiết xấu.",
        [("Hãng tin AFP", "dẫn lời", "inform"), ("Các chuyên gia", "cho rằng", "assert")],
    ),
    # a predicate joined by "hoặc"/"và" after other verbs: the clause's subject
    (
        "Chỉ trong ba ngày, gần 60 quốc gia đã đóng góp hoặc hứa đóng góp hơn 220 triệu USD.",
        [("Gần 60 quốc gia", "hứa", "commit")],
    ),
    (
        "Nhân dịp năm mới, Tổng Bí thư Nông Đức Mạnh gửi lời chúc mừng tới toàn thể đồng bào cả nước.",
        [("Nông Đức Mạnh", "chúc mừng", "praise")],
    ),
    (
        "Dư luận nói chung cũng không đồng tình với đạo luật mới về việc làm.",
        [("Dư luận", "không đồng tình", "oppose")],
    ),
    # a fronted cue with its own content goes to the clause's subject
    (
        "Khẳng định chủ trương đổi mới là đúng đắn, Tổng Bí thư Nông Đức Mạnh nhấn mạnh cần đẩy mạnh cải cách.",
        [("Nông Đức Mạnh", "Khẳng định", "assert"), ("Nông Đức Mạnh", "nhấn mạnh", "emphasize")],
    ),
    # not statements
    ("Tổng thống Lahoud là người được coi là thân Syria.", []),  # a passive
    ("Ông Hariri ủng hộ yêu cầu của Mỹ về việc rút quân.", []),  # a cue as a noun
    (
        "Tổng Bí thư sẽ hội đàm nhằm trao đổi về tình hình mỗi nước, đánh giá hợp tác và thống nhất định hướng lớn.",
        [],
    ),  # a purpose clause
    ("Dưới sự chủ trì của Thủ tướng Phạm Minh Chính, kỳ họp khẳng định quyết tâm chính trị cao.", []),
    ("Xin cho biết thủ tục đăng ký tạm trú cho người nước ngoài.", []),  # a reader's request
]


@pytest.mark.parametrize("sentence, expected", MORE_PATTERN_CASES)
def test_more_patterns_of_real_news(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# Two-party collectives get the two countries the article names most; otherwise "unknown".
def test_two_parties_from_the_article():
    found = extract(
        "Thủ tướng Israel hội đàm với lãnh đạo Palestine tại Jerusalem. Israel và Palestine "
        "đã nhiều lần đàm phán. Hai bên nhất trí nối lại đàm phán hòa bình."
    )
    assert list(zip(found["actor"], found["actor_country"], found["actor_type"])) == [
        ("Hai bên", "Israel + Palestine", "collective")
    ]


# --------------------------------------------------------------------------- coordinated predicates

COORDINATED_CASES = [
    (
        "Tổng Bí thư Tô Lâm hoan nghênh tinh thần hợp tác; đề nghị hai bên tăng cường kết nối.",
        [("Tô Lâm", "hoan nghênh", "praise"), ("Tô Lâm", "đề nghị", "propose")],
    ),
    (
        "Hai bên nhất trí tăng cường hợp tác, đồng thời thống nhất tổ chức kỳ họp tiếp theo tại Viêng Chăn.",
        [("Hai bên", "nhất trí", "agree"), ("Hai bên", "thống nhất", "agree")],
    ),
    (
        "Bà Kiều Thị Hồng Phúc đề nghị doanh nghiệp tuân thủ pháp luật sở tại và cho biết Tổng Lãnh sự quán "
        "luôn sẵn sàng hỗ trợ.",
        [("Kiều Thị Hồng Phúc", "đề nghị", "propose"), ("Kiều Thị Hồng Phúc", "cho biết", "inform")],
    ),
    (
        "Hai nhà lãnh đạo nhất trí về định hướng hợp tác, nhấn mạnh vai trò của kết nối giao thông; "
        "khẳng định quyết tâm đưa quan hệ lên tầm cao mới.",
        [
            ("Hai nhà lãnh đạo", "nhất trí", "agree"),
            ("Hai nhà lãnh đạo", "nhấn mạnh", "emphasize"),
            ("Hai nhà lãnh đạo", "khẳng định", "assert"),
        ],
    ),
    # the same cue twice: one row per occurrence
    (
        "Tổng Bí thư Tô Lâm đề nghị hai Thủ tướng chỉ đạo sát sao; đề nghị hai nước phối hợp chặt chẽ hơn.",
        [("Tô Lâm", "đề nghị", "propose"), ("Tô Lâm", "đề nghị", "propose")],
    ),
]


@pytest.mark.parametrize("sentence, expected", COORDINATED_CASES)
def test_coordinated_predicates_share_the_subject(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# --------------------------------------------------------------------------- people not in the register

# People nobody registered: the name alone; the country is the one their title names, else "unknown".
UNKNOWN_PERSON_CASES = [
    (
        "Bộ trưởng Ngoại giao Campuchia Prak Sokhonn khẳng định Campuchia luôn ủng hộ hợp tác ba nước.",
        ("Prak Sokhonn", "khẳng định", "assert"),
        "Campuchia",
    ),
    (
        "Thứ trưởng Ngoại giao Lào Phoxay Khaykhamphithoune nói hai bên sẽ sớm ký kế hoạch hợp tác.",
        ("Phoxay Khaykhamphithoune", "nói", "inform"),
        "Lào",
    ),
    (
        "Đại sứ Lào tại Việt Nam Khamphao Ernthavanh cho biết Lào coi trọng quan hệ với Việt Nam.",
        ("Khamphao Ernthavanh", "cho biết", "inform"),
        "Lào",
    ),
    ("Ông Lê Trung Huynh cho biết khu phố đã sạch hơn.", ("Lê Trung Huynh", "cho biết", "inform"), "unknown"),
]


@pytest.mark.parametrize(
    "sentence, expected, country", UNKNOWN_PERSON_CASES, ids=[c[1][0] for c in UNKNOWN_PERSON_CASES]
)
def test_unknown_person_by_name_alone(sentence, expected, country):
    found = one_sentence(sentence)
    assert triples(found) == [expected]
    assert found["actor_country"].tolist() == [country]
    assert found["actor_type"].tolist() == ["person"]


@pytest.mark.parametrize(
    "sentence, country",
    [
        ("Tổng Bí thư Tô Lâm nhấn mạnh hai bên cần hợp tác hiệu quả hơn.", "Việt Nam"),
        ("Thủ tướng Lào Sonexay Siphandone đồng ý mở thêm đường bay thẳng giữa hai thủ đô.", "Lào"),
        ("Hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh.", "unknown"),  # no country named
    ],
)
def test_registered_actor_country(sentence, country):
    assert one_sentence(sentence)["actor_country"].tolist() == [country]


@pytest.mark.parametrize(
    "sentence, actor, role",
    [
        # leaders of 2001-2011, as VNTC (2005-2007) names them; "Đức" in a name is not Germany
        (
            "Chủ tịch Quốc hội Nguyễn Văn An cho biết dự luật sẽ được thông qua vào cuối kỳ họp.",
            "Nguyễn Văn An",
            "Chairman of the National Assembly",
        ),
        ("Chủ tịch nước Trần Đức Lương đánh giá cao kết quả cải cách tư pháp.", "Trần Đức Lương", "President"),
        ("Tổng Bí thư Nông Đức Mạnh nhấn mạnh yêu cầu chống tham nhũng.", "Nông Đức Mạnh", "General Secretary"),
        ("Thủ tướng Phan Văn Khải yêu cầu các bộ khẩn trương hoàn thành đề án.", "Phan Văn Khải", "Prime Minister"),
        (
            "Bộ trưởng Ngoại giao Nguyễn Dy Niên khẳng định quan hệ hai nước đang phát triển tốt.",
            "Nguyễn Dy Niên",
            "Minister of Foreign Affairs",
        ),
        ("Phó thủ tướng Vũ Khoan chỉ đạo lực lượng biên phòng tăng cường tuần tra.", "Vũ Khoan", "Deputy Prime"),
    ],
)
def test_early_2000s_leaders_are_vietnamese_with_their_role(sentence, actor, role):
    found = one_sentence(sentence)
    assert found["actor"].tolist() == [actor]
    assert found["actor_country"].tolist() == ["Việt Nam"]
    assert role in found["actor_role"].iloc[0]


@pytest.mark.parametrize(
    "sentence, actor, country, role",
    [
        # foreign leaders of 2001-2011 as VNTC writes them (a surname alone, a full name, a Sino-Vietnamese
        # name), and of 2024-2026; the country as the country lexicon writes it
        ("Tổng thống Bush cho biết Mỹ sẽ rút bớt quân khỏi Iraq.", "Bush", "Mỹ", "President of the United States"),
        (
            "Ngoại trưởng Condoleezza Rice nhấn mạnh Washington ủng hộ tiến trình hòa bình.",
            "Condoleezza Rice",
            "Mỹ",
            "Secretary of State",
        ),
        ("Chủ tịch Hồ Cẩm Đào khẳng định hai nước là láng giềng hữu nghị.", "Hồ Cẩm Đào", "Trung Quốc", "President"),
        ("Thủ tướng Thaksin tuyên bố sẽ không từ chức.", "Thaksin", "Thái Lan", "Prime Minister of Thailand"),
        ("Tổng thư ký Kofi Annan kêu gọi các bên kiềm chế.", "Kofi Annan", "Liên hợp quốc", "Secretary-General"),
        ("Ông ElBaradei cho rằng Iran cần hợp tác đầy đủ.", "ElBaradei", "other", "Atomic Energy Agency"),
        ("Thủ tướng Lý Cường cho biết kinh tế đang phục hồi.", "Lý Cường", "Trung Quốc", "Premier of China"),
        ("Thủ tướng Campuchia Hun Manet đánh giá cao sự hỗ trợ của Việt Nam.", "Hun Manet", "Campuchia", "Cambodia"),
    ],
)
def test_foreign_leaders_have_their_country_and_role(sentence, actor, country, role):
    found = one_sentence(sentence)
    assert found["actor"].tolist() == [actor]
    assert found["actor_country"].tolist() == [country]
    assert role in found["actor_role"].iloc[0]


@pytest.mark.parametrize(
    "sentence, actor",
    [
        # a foreign surname registered alone names no one else, and is not found inside a longer phrase
        ("Bà Laura Bush cho biết bà sẽ thăm các trường học.", "Laura Bush"),
        ("Một quan chức chính quyền Bush cho biết kế hoạch chưa thay đổi.", "Một quan chức chính quyền Bush"),
        # a Vietnamese name sharing a syllable with a Sino-Vietnamese leader's ("Lý Cường", "Hồ Cẩm Đào")
        ("Ông Lý Văn Cường cho biết giá lúa đã tăng.", "Lý Văn Cường"),
        ("Bà Hồ Thị Đào cho biết chợ đã mở cửa lại.", "Hồ Thị Đào"),
    ],
)
def test_foreign_leaders_capture_no_one_else(sentence, actor):
    found = one_sentence(sentence)
    assert found["actor"].tolist() == [actor]
    assert found["actor_country"].tolist() == ["unknown"]
    assert found["actor_role"].tolist() == [""]


# --------------------------------------------------------------------------- no statement

NO_STATEMENT_CASES = [
    # "thống nhất Tổ quốc": the country's reunification, not an agreement
    "Sáng 29/4, đoàn cán bộ Bộ Công an do đại tướng Lê Hồng Anh, Bộ trưởng Bộ Công an làm trưởng đoàn đã đến đặt vòng"
    " hoa tưởng niệm những anh hùng liệt sĩ đã ngã xuống vì độc lập dân tộc, thống nhất Tổ quốc tại Nghĩa trang.",
    "Kim ngạch thương mại song phương đạt 1,7 tỷ USD, tăng 28,26%.",
    "Hai bên đã ký kết nhiều văn kiện hợp tác.",
    "Thủ tướng Phạm Minh Chính hội kiến Thủ tướng Lào Sonexay Siphandone.",
    "Hai bên trao đổi về tình hình thế giới và khu vực.",  # a discussion activity
    "Hai bên đánh giá kết quả hợp tác năm 2024.",  # a review activity (README, 003/2)
    "Đây là dịp để hai bên khẳng định quyết tâm chung.",  # a purpose clause
    "Chuyến thăm là sự khẳng định mạnh mẽ quan hệ đặc biệt giữa hai nước.",  # a noun
    "Theo kế hoạch, hai bên sẽ họp.",
    "Hai bên chia sẻ kinh nghiệm về quản lý biên giới.",  # an activity
    "Lời cảnh báo được gửi tới hàng nghìn người dân.",  # a noun, no speaker
    "Các biện pháp trên sẽ khẳng định vai trò của ngành y tế.",  # things, not speakers
    "Lễ công bố Năm du lịch quốc gia diễn ra tại Quảng Nam.",
]


@pytest.mark.parametrize("sentence", NO_STATEMENT_CASES)
def test_no_statement(sentence):
    assert triples(one_sentence(sentence)) == []


# A cue word inside the content of another statement is not a statement of its own.
CUE_IN_CONTENT_CASES = [
    ("Tổng Bí thư Tô Lâm nhấn mạnh chuyển từ cam kết sang kết quả cụ thể.", [("Tô Lâm", "nhấn mạnh", "emphasize")]),
    (
        "Thủ tướng Lào Sonexay Siphandone đồng ý với các đề xuất của phía Việt Nam.",
        [("Sonexay Siphandone", "đồng ý", "agree")],
    ),
    (
        "Thủ tướng Phạm Minh Chính khẳng định Việt Nam luôn coi trọng quan hệ với Lào.",  # "coi trọng" = value
        [("Phạm Minh Chính", "khẳng định", "assert")],
    ),
    # passive relative clauses on a noun: past agreements, not new statements (README, 001/5, 002/16)
    (
        "Tổng Bí thư Tô Lâm nhấn mạnh hai bên cần làm sâu sắc hơn nội hàm đã được hai nước thống nhất.",
        [("Tô Lâm", "nhấn mạnh", "emphasize")],
    ),
    (
        "Hai Bộ trưởng nhấn mạnh việc triển khai các thỏa thuận đã được lãnh đạo cấp cao hai nước nhất trí.",
        [("Hai Bộ trưởng", "nhấn mạnh", "emphasize")],
    ),
]


@pytest.mark.parametrize("sentence, expected", CUE_IN_CONTENT_CASES)
def test_cue_inside_content_is_not_a_statement(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# --------------------------------------------------------------------------- real-news patterns (issue 10)
# Each pattern with made-up documents; expected (sentence, actor, cue, stance) read off by hand.

REAL_NEWS_CASES = [
    # verbs that report only where they introduce speech: ":" , "rằng", or closing a quotation
    ("Tờ Le Monde viết: “Nước Pháp cần một chính sách năng lượng mới”.", [(1, "Tờ Le Monde", "viết", "inform")]),
    (
        "“Đây là bước lùi của tiến trình hòa bình”, tờ Guardian viết.",
        [(1, "Tờ Guardian", "viết", "inform")],
    ),
    ("Bộ Y tế công bố rằng dịch sởi đã được khống chế ở ba tỉnh.", [(1, "Bộ Y tế", "công bố", "inform")]),
    (
        "Bà Đặng Thị Lài than thở: “Năm nay mất mùa, cả nhà không đủ gạo ăn”.",
        [(1, "Đặng Thị Lài", "than thở", "concern")],
    ),
    ("Ông Lữ Văn Tâm phàn nàn rằng xe tải chạy suốt đêm qua làng.", [(1, "Lữ Văn Tâm", "phàn nàn", "oppose")]),
    # an addition, a time or the listener after a cue that closes a quotation
    (
        "“Chúng tôi sẽ tiếp tục đàm phán”, ông Trần Văn Bình nói thêm.",
        [(1, "Trần Văn Bình", "nói", "inform")],
    ),
    (
        "Giá xăng sẽ giảm trong tuần tới, Bộ trưởng Lê Văn Tâm cho biết hôm qua.",
        [(1, "Lê Văn Tâm", "cho biết", "inform")],
    ),
    (
        "“Tình hình đã ổn định”, bà Nguyễn Thị Gấm nói với phóng viên.",
        [(1, "Nguyễn Thị Gấm", "nói", "inform")],
    ),
    # an honorific alone: the person last named with it; "Anh" inside a sentence with nobody so named is Britain
    (
        "Anh Phạm Văn Đức làm nghề chài lưới đã mười năm.\nAnh cho biết nước sông đã ô nhiễm nặng.",
        [(2, "Phạm Văn Đức", "cho biết", "inform")],
    ),
    (
        "Mỹ chưa trả lời.\nTrong khi đó, Anh cho biết sẽ rút toàn bộ quân khỏi Iraq trong năm nay.",
        [(2, "Anh", "cho biết", "inform")],
    ),
    # a description after the name, set off by commas, dashes or brackets
    (
        "Ông Đỗ Văn Hải, Giám đốc Công ty Xi măng Hoàng Thạch, cho biết sản lượng tăng gấp đôi.",
        [(1, "Đỗ Văn Hải", "cho biết", "inform")],
    ),
    (
        "Maria Lopez, người phát ngôn của Tổng thống Garcia, cho hay chính phủ sẽ không nhượng bộ.",
        [(1, "Maria Lopez", "cho hay", "inform")],
    ),
    (
        "Lê Thị Mai, Nghệ An cho biết: “Đề thi năm nay vừa sức với chúng em”.",
        [(1, "Lê Thị Mai", "cho biết", "inform")],
    ),
    (
        "Ông Hồ Văn Lợi - Trưởng ban chỉ đạo phòng chống lụt bão tỉnh - cho biết nước sông đang lên nhanh.",
        [(1, "Hồ Văn Lợi", "cho biết", "inform")],
    ),
    (
        "Bà Đinh Thị Hoa (Phó giám đốc Sở Y tế) cho biết bệnh viện đã đủ thuốc.",
        [(1, "Đinh Thị Hoa", "cho biết", "inform")],
    ),
    # "<noun> này": the person or body of that kind named before
    (
        "Đại biểu Trương Văn Nam chất vấn Bộ trưởng về ngân sách.\n"
        "Theo đại biểu này, các khoản chi cần được công khai.",
        [(2, "Trương Văn Nam", "Theo", "inform")],
    ),
    (
        "Tạp chí Forbes cho biết tài sản của các tỷ phú châu Á tăng mạnh.\n"
        "Tạp chí này nhận định xu hướng trên sẽ còn kéo dài.",
        [(1, "Tạp chí Forbes", "cho biết", "inform"), (2, "Tạp chí Forbes", "nhận định", "assert")],
    ),
    (
        "Sở Xây dựng cho biết đã cấp phép cho dự án.\nSở cũng yêu cầu chủ đầu tư hoàn thành hồ sơ trước tháng 6.",
        [(1, "Sở Xây dựng", "cho biết", "inform"), (2, "Sở Xây dựng", "yêu cầu", "propose")],
    ),
    # a province's name is no person's ("Hà Nội" starts with the family name Hà)
    (
        "Ông Hà Văn Bình vừa đi công tác ở Hà Nội về.\nÔng cho rằng thủ tục cấp phép vẫn còn rườm rà.",
        [(2, "Hà Văn Bình", "cho rằng", "assert")],
    ),
    ("Theo nhận định của Viện Kinh tế, tăng trưởng sẽ chậm lại.", [(1, "Viện Kinh tế", "Theo", "inform")]),
    # a sender, a light verb and a document between subject and cue
    (
        "Sở Giáo dục đã gửi công văn khẩn tới các trường yêu cầu cho học sinh nghỉ học.",
        [(1, "Sở Giáo dục", "yêu cầu", "propose")],
    ),
    # the subject of a clause opened by "khi"
    (
        "Giá đất tăng vọt khi tỉnh Hà Giang đề nghị mở rộng thị trấn.",
        [(1, "Tỉnh Hà Giang", "đề nghị", "propose")],
    ),
    # serial verbs of posture before the speech verb; aspect words ("đang") before it
    (
        "Em Lò Văn Pao đứng dậy thanh minh: “Em không chép bài của bạn”.",
        [(1, "Lò Văn Pao", "thanh minh", "inform")],
    ),
    ("Nhật Bản đang kêu gọi các nước kiềm chế.", [(1, "Nhật Bản", "kêu gọi", "propose")]),
    # bodies in lower case with a complement, an organisation's acronym, a name with "Do"
    ("Cảnh sát địa phương cho biết hai nghi phạm đã bị bắt.", [(1, "Cảnh sát địa phương", "cho biết", "inform")]),
    ("UNESCO cam kết hỗ trợ việc trùng tu di tích.", [(1, "UNESCO", "cam kết", "commit")]),
    ("Cộng đồng Do Thái lên án vụ tấn công nhà thờ.", [(1, "Cộng đồng Do Thái", "lên án", "oppose")]),
    # "ông ấy": the last man named; a man named alone after "ông" stands for his full name
    (
        "Bà Lâm Thị Hạnh chất vấn Giám đốc Sở Tài chính Đoàn Văn Tư.\n"
        "Ông Tư hứa sẽ trả lời bằng văn bản.\nÔng ấy cho rằng ngân sách năm nay rất eo hẹp.",
        [(2, "Đoàn Văn Tư", "hứa", "commit"), (3, "Đoàn Văn Tư", "cho rằng", "assert")],
    ),
    # the agent of a passive with "là"/"rằng": the speaker
    (
        "Dự luật mới bị giới luật sư cho là vi phạm quyền riêng tư.",
        [(1, "Giới luật sư", "cho là", "assert")],
    ),
    (
        "Đề thi môn Sử được các giáo viên nhận xét là khá dài.",
        [(1, "Các giáo viên", "nhận xét", "assert")],
    ),
    # "thuộc": where the person works, not part of the actor
    (
        "Nhà nghiên cứu Pierre Dumont thuộc Viện Quan hệ Quốc tế Paris cho rằng châu Âu cần đoàn kết.",
        [(1, "Pierre Dumont", "cho rằng", "assert")],
    ),
    # a second predicate joined by "nhưng", "khi", "vì": the subject of the first
    (
        "Ông Triệu Văn Hòa thừa nhận sai sót nhưng cho rằng mình bị cấp dưới lừa dối.",
        [(1, "Triệu Văn Hòa", "thừa nhận", "assert"), (1, "Triệu Văn Hòa", "cho rằng", "assert")],
    ),
    (
        "Tổng thống Mỹ Barack Obama lên tiếng ủng hộ bộ trưởng khi cho rằng ông đã làm tốt công việc.",
        [(1, "Barack Obama", "lên tiếng ủng hộ", "agree"), (1, "Barack Obama", "cho rằng", "assert")],
    ),
    # a verb that introduces speech with "là" further on, or a comma
    (
        "Các bác sĩ mô tả tình trạng của bệnh nhân là rất nguy kịch.",
        [(1, "Các bác sĩ", "mô tả", "inform")],
    ),
    (
        "Giới phân tích dự đoán, giá vàng sẽ còn tăng trong quý tới.",
        [(1, "Giới phân tích", "dự đoán", "assert")],
    ),
    # after a quotation, its speaker's verb may be followed by where or when it was said
    (
        "“Chúng ta sẽ không bao giờ quên ông”, Thủ tướng Lê Văn Hiến phát biểu tại lễ tưởng niệm.",
        [(1, "Lê Văn Hiến", "phát biểu", "inform")],
    ),
    # "thay mặt X": on whose behalf, not the speaker
    (
        "Chủ tịch nước Ngô Quang Vinh thay mặt Đoàn Chủ tịch cảm ơn các đại biểu đã đóng góp ý kiến.",
        [(1, "Ngô Quang Vinh", "cảm ơn", "thank")],
    ),
    # the sender of a document, across commas inside the clause
    (
        "Cục Hàng hải đã gửi công điện tới các cảng Hải Phòng, Quảng Ninh yêu cầu tàu thuyền vào nơi tránh trú.",
        [(1, "Cục Hàng hải", "yêu cầu", "propose")],
    ),
    # "theo X" after a conjunction
    (
        "Người dân không nên thả cá bởi theo khuyến cáo của Chi cục Thủy sản, nước hồ đang bị nhiễm bẩn.",
        [(1, "Chi cục Thủy sản", "theo", "inform")],
    ),
    # "Đồng thời ..." opening a sentence: the subject of the sentence before
    (
        "Sáng 3/4, UBND tỉnh Yên Bái đã họp khẩn với các sở ngành.\n"
        "Đồng thời yêu cầu các huyện di dời dân khỏi vùng sạt lở.",
        [(2, "UBND tỉnh Yên Bái", "yêu cầu", "propose")],
    ),
    # a body's head noun in lower case: the body of that kind heard before
    (
        "Hội đồng Khoa học cho biết đã nhận được 40 đề tài.\n"
        "Sau hai ngày làm việc, hội đồng thống nhất: chọn 12 đề tài.",
        [(1, "Hội đồng Khoa học", "cho biết", "inform"), (2, "Hội đồng Khoa học", "thống nhất", "agree")],
    ),
    # "Ông" after a man heard with no honorific: that man
    (
        "Nhà kinh tế học Paul Krugman thuộc Đại học Princeton cho rằng lãi suất cần giảm.\n"
        "Ông cho rằng lạm phát sẽ không tăng trong năm tới.",
        [(1, "Paul Krugman", "cho rằng", "assert"), (2, "Paul Krugman", "cho rằng", "assert")],
    ),
    # a word ending in a classifier's syllable is no classifier ("quân sự", "Thế giới")
    (
        "Nhiều chuyên gia quân sự nói rằng cuộc tấn công đã được chuẩn bị từ lâu.",
        [(1, "Nhiều chuyên gia quân sự", "nói rằng", "inform")],
    ),
    (
        "Ngân hàng Thế giới cho biết nợ công của nhiều nước đang tăng.",
        [(1, "Ngân hàng Thế giới", "cho biết", "inform")],
    ),
    # "tháng trước", "tuần tới" between subject and verb
    ("Hãng Petronas tháng trước đồng ý bán lại cổ phần cho đối tác.", [(1, "Hãng Petronas", "đồng ý", "agree")]),
    # a contrasting clause with a speaker of its own, inside what the first one says
    (
        "Seoul mô tả cuộc tập trận là cần thiết, còn Bình Nhưỡng coi đó là hành động khiêu khích.",
        [(1, "Seoul", "mô tả", "inform"), (1, "Bình Nhưỡng", "coi", "assert")],
    ),
    # a speaker noun with a modifier in "về"/"thân cận với"
    (
        "Một chuyên gia về an ninh mạng cho rằng hệ thống đã bị xâm nhập từ lâu.",
        [(1, "Một chuyên gia về an ninh mạng", "cho rằng", "assert")],
    ),
    (
        "Một quan chức thân cận với Tổng thống Lula cho biết chuyến thăm sẽ bị hoãn.",
        [(1, "Một quan chức thân cận với Tổng thống Lula", "cho biết", "inform")],
    ),
    # a title and a body's acronym: an unnamed person, or the person named so before; names with particles
    (
        "Giám đốc FBI cho rằng các vụ tấn công có liên quan tới nhau.",
        [(1, "Giám đốc FBI", "cho rằng", "assert")],
    ),
    (
        "Tổng thư ký OPEC Abdalla Salem tới Vienna hôm qua.\nTổng thư ký OPEC khẳng định sản lượng sẽ không đổi.",
        [(2, "Abdalla Salem", "khẳng định", "assert")],
    ),
    (
        "Tổng thư ký NATO Jaap de Hoop Scheffer cho biết liên minh sẽ họp khẩn.",
        [(1, "Jaap de Hoop Scheffer", "cho biết", "inform")],
    ),
    # a comment is a view given (assert)
    ("“Đó là sai lầm chiến lược”, nhà phân tích Ivan Petrov bình luận.", [(1, "Ivan Petrov", "bình luận", "assert")]),
]


@pytest.mark.parametrize("body, expected", REAL_NEWS_CASES)
def test_real_news_patterns(body, expected):
    assert quads(extract(body)) == sorted(expected)


REAL_NEWS_NON_STATEMENTS = [
    "Ông Nguyễn Văn An viết thư cho con gái đang du học.",  # "viết" introduces no speech
    "Công ty Việt Tiến công bố kết quả kinh doanh quý ba.",  # an announcement event, no content said
    "Người dân phản ánh với Sở thì Sở nói sẽ xem xét.",  # a bare "Sở" with no body named before
    "Cuộc phản đối kéo dài ba ngày ở thủ đô.",  # a classifier makes the verb a noun
    "Ông Tạ Văn Lâm coi thường mọi lời khuyên của bạn bè.",  # "coi thường": despise
    "Hy vọng hòa bình ở khu vực vẫn còn mong manh.",  # "mong manh": fragile
    "Theo quy định của Bộ Tài chính, doanh nghiệp phải nộp thuế trước ngày 20.",  # a rule, not a speaker
    "Ông nào nói cũng hay nhưng chẳng làm gì.",  # an indefinite, nobody in particular
    "Báo cáo nhấn mạnh vai trò của kinh tế tư nhân.",  # a document speaks for its unnamed authors
    "Các bài hát ca ngợi vẻ đẹp của quê hương.",  # "ca ngợi" introduces no speech here
    "Những người phản đối dự luật tụ tập trước tòa nhà quốc hội.",  # "những người phản đối": the opponents
    "Giám đốc Sở Tài chính trả lời chất vấn của các đại biểu.",  # answering questions: an activity
    "Thủ tướng Hoàng Văn Nam phát biểu tại lễ khai giảng năm học mới.",  # gave a speech at ...: an event
    "Đại biểu Vi Văn Sáng nêu ra nhiều câu hỏi về ngân sách.",  # raising questions
    "Trường Tiểu học Kim Đồng tuyển sinh hệ ĐH, CĐ yêu cầu bằng tốt nghiệp.",  # "CĐ" alone is no speaker
    "Các nước thuộc Liên Xô viết lại sách giáo khoa lịch sử.",  # "Xô viết": Soviet
    "Giới chỉ trích lên tiếng sau khi dự luật được thông qua.",  # "giới chỉ trích": the critics
    "Ông từ chối tuyên bố bất cứ điều gì về vụ việc.",  # an honorific and a verb, no person named
    "Những bức thư của người dân phản ánh sự lo ngại về giá điện.",  # "sự lo ngại": a noun
    "Bộ trưởng Đinh Văn Tùng với dáng vẻ mệt mỏi rời phòng họp.",  # "với" opens no modifier of a speaker
]


@pytest.mark.parametrize("sentence", REAL_NEWS_NON_STATEMENTS)
def test_real_news_non_statements(sentence):
    assert triples(one_sentence(sentence)) == []


# ------------------------------------------------------------ "Anh": a pronoun or Britain
# A bare "Anh", "Chị", "Em" opening a sentence (or written in lower case) is a pronoun: he (a young man), she,
# a younger person. It is the person it refers to, or "Anh" as written (unresolved), never Britain; Britain
# is "Anh" where the phrase says so.

PRONOUN_CASES = [
    # the person named before, with no honorific
    (
        "Ca sĩ Nguyễn Văn Tùng vừa ra mắt album mới.\nAnh cho biết album gồm mười ca khúc.",
        [(2, "Nguyễn Văn Tùng", "person")],
    ),
    # in news that names foreign countries, the foreign person who spoke before, not Britain
    (
        "Marat Safin khẳng định anh đã trở lại sau giải Australia Mở rộng.\nĐội tuyển Nga sẽ gặp Belarus tại Minsk."
        "\nAnh nói: “Tôi rất khỏe và sẵn sàng vào cuộc”.",
        [(1, "Marat Safin", "person"), (3, "Marat Safin", "person")],
    ),
    # in lower case after a fronted clause; "Thái Lan" (a "Thái" family name's shape) is no person
    (
        "Tiền đạo Lê Công Vinh ghi hai bàn trong trận gặp Thái Lan.\n"
        "Tuy vậy, anh vẫn khẳng định đội còn nhiều việc phải làm.",
        [(2, "Lê Công Vinh", "person")],
    ),
    # "Chị" is a woman: not the man named "Lê Văn Nam" after her
    (
        "Nhà thiết kế Trần Thị Hoa trình diễn ở Paris cùng người mẫu Lê Văn Nam.\n"
        "Chị nói: “Đây là bộ sưu tập khó nhất”.",
        [(2, "Trần Thị Hoa", "person")],
    ),
    # "Anh" is not the official the article calls "ông"
    (
        "Ông Lê Nam Giới dẫn đoàn sang Lào.\nPhóng viên gặp Nguyễn Minh Tú, sinh viên năm ba, trên xe.\n"
        "Anh kể chuyến đi rất vui.",
        [(3, "Nguyễn Minh Tú", "person")],
    ),
    # nobody named before: as written, unresolved, also in news about France
    ("Anh cho biết, mới xa Đà Nẵng vài năm mà thành phố đã đổi thay nhiều.", [(1, "Anh", "unresolved")]),
    ("Anh nói: “Tôi sẽ trở lại Pháp vào mùa hè”.", [(1, "Anh", "unresolved")]),
    ("Chị nói rằng trời sẽ mưa to.", [(1, "Chị", "unresolved")]),
    ("Iran thử tên lửa mới.\nAnh cho rằng vụ thử là một sai lầm.", [(2, "Anh", "unresolved")]),
    # a street's name is nobody
    (
        "Chúng tôi đến căn nhà số 184 Phan Chu Trinh ở Vinh.\nAnh cho biết gia đình đã chuyển đi.",
        [(2, "Anh", "unresolved")],
    ),
    # an interviewer's question to "anh" states nothing
    ("Ca sĩ Nguyễn Văn Tùng vừa ra mắt album mới.\n- Anh nghĩ gì về nhạc trong nước?", []),
]


@pytest.mark.parametrize("body, expected", PRONOUN_CASES)
def test_bare_anh_chi_em_opening_a_sentence_is_a_pronoun_never_britain(body, expected):
    found = extract(body)
    assert sorted(zip(found["sentence_id"].astype(int), found["actor"], found["actor_type"])) == expected
    assert "country" not in set(found["actor_type"])


BRITAIN_CASES = [
    ("Chính phủ Anh cho biết sẽ rút toàn bộ quân khỏi Iraq trong năm nay.", "Chính phủ Anh"),
    ("Bộ Ngoại giao Anh khẳng định Iran phải ngừng làm giàu urani.", "Bộ Ngoại giao Anh"),
    ("Thủ tướng Anh Tony Blair cho biết quân đội sẽ ở lại Iraq.", "Tony Blair"),
    ("Anh và Pháp phản đối nghị quyết của Nga.", "Anh và Pháp"),
    ("Nước Anh tuyên bố sẽ không tham gia chiến dịch.", "Nước Anh"),
    ("Iran thử tên lửa mới.\nTrong khi đó, Anh cho rằng Iran vi phạm thỏa thuận.", "Anh"),
]


@pytest.mark.parametrize("body, actor", BRITAIN_CASES)
def test_anh_is_britain_where_the_text_makes_it_so(body, actor):
    found = extract(body)
    assert list(found["actor"]) == [actor]
    assert list(found["actor_country"]) == ["Anh"]


def test_london_speaks_for_britain():
    found = extract("London cho rằng Iran đã vi phạm thỏa thuận.")
    assert list(zip(found["actor"], found["actor_type"])) == [("London", "country")]


# ------------------------------------------------------------ patterns of the later held-out samples
# Names and references, speakers and documents as later blind samples of VNTC wrote them; made-up sentences.

LATER_SAMPLE_CASES = [
    # a lone surname: a name in Latin script named anywhere before, after a title and a description
    (
        "Giám đốc tổ chức từ thiện HOPE tại Iraq Sarah Collins bị bắt cóc tuần trước.\n"
        "Bà Collins kêu gọi chính phủ Anh rút quân.",
        [(2, "Sarah Collins", "kêu gọi", "propose")],
    ),
    (
        "Giám đốc ngân hàng Matt Nguyễn lái xe tới nơi.\nNguyễn kể: “Tôi thấy khói và lửa”.",
        [(2, "Matt Nguyễn", "kể", "inform")],
    ),
    # a foreign name misspelt by one letter is the same person; by two, another one
    (
        "Giám đốc FBI Robert Mueller cho rằng nguy cơ còn cao.\n“Chúng ta phải cảnh giác”, ông Muller nói.",
        [(1, "Robert Mueller", "cho rằng", "assert"), (2, "Robert Mueller", "nói", "inform")],
    ),
    (
        "Giám đốc FBI Robert Mueller cho rằng nguy cơ còn cao.\n“Chúng ta phải cảnh giác”, ông Miller nói.",
        [(1, "Robert Mueller", "cho rằng", "assert"), (2, "Miller", "nói", "inform")],
    ),
    # a middle initial ends neither the sentence nor the name
    (
        "Tổng thống George W. Bush hôm qua khẳng định Iraq đã sẵn sàng.\nÔng Bush cho biết quân đội sẽ ở lại.",
        [(1, "George W. Bush", "khẳng định", "assert"), (2, "George W. Bush", "cho biết", "inform")],
    ),
    # "Ông" is not the woman the article calls "Bà", even named last
    (
        "Bác sĩ Qayder al-Chalabi quản lý một bệnh viện ở Baghdad.\n"
        "Giám đốc tổ chức CARE Margaret Hassan bị bắt cóc tuần trước.\n"
        "Bà Hassan đã sống ở Iraq 30 năm.\n"
        "Ông cho rằng những kẻ bắt cóc đã phạm sai lầm lớn.",
        [(4, "Qayder al-Chalabi", "cho rằng", "assert")],
    ),
    # a bare title: the person named after it and a description
    (
        "Trưởng công tố Toà án Quốc tế về Tội phạm chiến tranh Carla del Ponte tới Belgrade hôm qua.\n"
        "Trưởng công tố cho rằng Karadzic sẽ sớm bị bắt.",
        [(2, "Carla del Ponte", "cho rằng", "assert")],
    ),
    # in the body, an office named only later is left as written (a headline's is not: see below)
    (
        "Bộ trưởng cựu binh Mỹ kêu gọi Việt Nam hợp tác chống khủng bố.\n"
        "Trở lại TPHCM sau 40 năm, ông James Nicholson, Bộ trưởng cựu binh Mỹ đã thăm trụ sở UBND thành phố.",
        [(1, "Bộ trưởng cựu binh Mỹ", "kêu gọi", "propose")],
    ),
    # a ship's name after a title is nobody the title refers to
    (
        "Chỉ huy tàu Sea Star bị thương nhẹ.\n“Nước tràn vào rất nhanh”, viên chỉ huy này cho hay.",
        [(2, "Viên chỉ huy này", "cho hay", "inform")],
    ),
    # a document speaks for its author named after "của"
    (
        "Tuyên bố của Bộ Ngoại giao Peru viết: “Chính phủ quyết định triệu hồi đại sứ”.",
        [(1, "Bộ Ngoại giao Peru", "viết", "inform")],
    ),
    (
        "Phân tích của tiến sĩ Bùi Thị Lan, Viện Kinh tế, cho biết lực lượng lao động tăng 2,7%.",
        [(1, "Bùi Thị Lan", "cho biết", "inform")],
    ),
    (
        "Báo cáo chính trị của Ban chấp hành Đảng bộ tỉnh do Bí thư Tỉnh ủy Lê Văn Hùng trình bày nêu rõ: "
        "“Kinh tế tăng trưởng khá”.",
        [(1, "Ban chấp hành Đảng bộ tỉnh", "nêu rõ", "emphasize")],
    ),
    (
        "Theo dự báo của Đài Khí tượng Thủy văn Nam Trung Bộ cho biết mực nước sông Cái đang lên.",
        [(1, "Đài Khí tượng Thủy văn Nam Trung Bộ", "cho biết", "inform")],
    ),
    # ... but not over the subject of the clause
    (
        "Theo tài liệu của Bộ Ngoại giao Mỹ, Rumsfeld đã nói với Aziz rằng hai nước có nhiều lợi ích chung.",
        [(1, "Bộ Ngoại giao Mỹ", "Theo", "inform"), (1, "Rumsfeld", "nói", "inform")],
    ),
    (
        "Sau khi nghe báo cáo của Bộ Y tế, Thủ tướng Lê Văn Minh yêu cầu các tỉnh chống dịch quyết liệt.",
        [(1, "Lê Văn Minh", "yêu cầu", "propose")],
    ),
    # news from a body: the body ("tin chính thức từ X"); an airline's "không" is no negation
    (
        "Ngày 24-10, tin chính thức từ Hãng hàng không Sky Airlines cho biết máy bay rơi gần thủ đô.",
        [(1, "Hãng hàng không Sky Airlines", "cho biết", "inform")],
    ),
    # a document sent after a determiner ("đã có các văn bản kiến nghị")
    (
        "Sở Xây dựng cũng đã có các văn bản kiến nghị sửa đổi mức thu phí.",
        [(1, "Sở Xây dựng", "kiến nghị", "propose")],
    ),
    # a section of a police force or a school is a body; a workplace after a person set off by a comma is hers
    (
        "Phòng Cảnh sát giao thông - Công an TP Hà Nội cho biết sẽ cấp biển số bằng máy tính.",
        [(1, "Phòng Cảnh sát giao thông", "cho biết", "inform")],
    ),
    (
        "Thầy Hứa Minh Tuấn, Phòng Đào tạo Trường ĐH Kinh tế nhận xét: “Đề thi khá chặt chẽ”.",
        [(1, "Hứa Minh Tuấn", "nhận xét", "assert")],
    ),
    # a province before a Vietnamese name: "Phú Yên Đào Tấn Lộc" is Đào Tấn Lộc, not "Yên Đào Tấn Lộc"
    (
        "Chủ tịch UBND tỉnh Phú Yên Đào Tấn Lộc đã đề nghị sớm xây dựng hầm đường bộ qua đèo.",
        [(1, "Đào Tấn Lộc", "đề nghị", "propose")],
    ),
    # "said so": content pointing back at what was said
    (
        "Giám đốc Công ty Sông Đà Nguyễn Văn Thành cho PV biết như vậy.",
        [(1, "Nguyễn Văn Thành", "cho PV biết", "inform")],
    ),
    # an indefinite medium or body: "một hãng thông tấn", "một tòa án"
    (
        "Trước đó, một hãng thông tấn đưa tin bà Carla del Ponte sẽ tới Belgrade.",
        [(1, "Một hãng thông tấn", "đưa tin", "inform")],
    ),
    # owners, gunmen, brothers as speakers
    (
        "Một chủ hàng khác cho biết tình hình buôn bán vẫn bình thường.",
        [(1, "Một chủ hàng khác", "cho biết", "inform")],
    ),
    (
        "Các tay súng Taliban tuyên bố đã bắn chết con tin.",
        [(1, "Các tay súng Taliban", "tuyên bố", "inform")],
    ),
    ("Hai anh em cho biết cửa hàng là ước mơ của họ.", [(1, "Hai anh em", "cho biết", "inform")]),
    # a people: "người" and a capitalised name
    ("Người Serbia phản đối Bosnia độc lập khỏi Nam Tư.", [(1, "Người Serbia", "phản đối", "oppose")]),
    # a working group in lower case
    (
        "Trước mắt, tổ công tác liên ngành khuyên các hộ dân cải thiện môi trường.",
        [(1, "Tổ công tác liên ngành", "khuyên", "propose")],
    ),
    # the subject after a fronted adverbial with no comma
    (
        "Về cơ bản các thành viên hội đồng đã khẳng định đề thi không sai.",
        [(1, "Các thành viên hội đồng", "khẳng định", "assert")],
    ),
    # "cũng theo X", "theo như X"
    (
        "Về hậu quả, cũng theo bà Đặng Thị Hoa, dịch vụ này sẽ gửi thư xin lỗi các em.",
        [(1, "Đặng Thị Hoa", "theo", "inform")],
    ),
    (
        "Tiêu diệt Al-Qaeda, theo như Musharraf, cũng giống như chặt một cành cây.",
        [(1, "Musharraf", "theo", "inform")],
    ),
    # cues mined from more sections of VNTC
    ("Ông Trần Văn Hải bảo: “Không sao đâu”.", [(1, "Trần Văn Hải", "bảo", "inform")]),
    ("Bà Ngô Thị Lan cầu xin bọn bắt cóc thả con trai bà.", [(1, "Ngô Thị Lan", "cầu xin", "propose")]),
    ("Cơ quan điều tra kết luận rằng vụ cháy do chập điện.", [(1, "Cơ quan điều tra", "kết luận", "assert")]),
    # "trông coi" (looks after) holds no "coi"
    (
        "Nguyễn Thanh Hòa, 20 tuổi, trông coi các bạn lao động tại nhà máy, cho biết: “Tôi vui lắm”.",
        [(1, "Nguyễn Thanh Hòa", "cho biết", "inform")],
    ),
    # "theo X" right after a cue: X is a source too; "theo kế hoạch" names none
    (
        "Bộ trưởng Tư pháp John Ashcroft hôm qua cảnh báo theo nhiều nguồn tin tình báo, khủng bố sắp tấn công.",
        [(1, "John Ashcroft", "cảnh báo", "concern"), (1, "Nhiều nguồn tin tình báo", "theo", "inform")],
    ),
    (
        "Ông Nguyễn Văn An cho biết theo kế hoạch, cầu sẽ thông xe vào tháng 5.",
        [(1, "Nguyễn Văn An", "cho biết", "inform")],
    ),
    # a speaker in grief, and where the speaker was
    (
        "“Anh ấy chẳng làm hại ai”, Manjula đau đớn nói từ nhà của cô ở thành phố Hyderabad.",
        [(1, "Manjula", "nói", "inform")],
    ),
]


@pytest.mark.parametrize("body, expected", LATER_SAMPLE_CASES)
def test_later_sample_patterns(body, expected):
    assert quads(extract(body)) == sorted(expected)


def test_headline_office_is_the_person_the_article_names_later():
    doc = make_doc(
        "Trở lại TPHCM sau 40 năm, ông James Nicholson, Bộ trưởng cựu binh Mỹ đã thăm trụ sở UBND thành phố.",
        head="Bộ trưởng cựu binh Mỹ kêu gọi Việt Nam hợp tác chống khủng bố",
    )
    assert quads(StanceExtractor().extract([doc])) == [(0, "James Nicholson", "kêu gọi", "propose")]


LATER_SAMPLE_NON_STATEMENTS = [
    "Nhân dịp kỷ niệm ngày giải phóng miền Nam thống nhất đất nước, công ty tặng quà cho công nhân.",  # a date
    "Anh ấy cũng theo học lớp tiếng Anh buổi tối.",  # "theo học": studies, no source
    "Thư xin lỗi được gửi tới các hộ dân trong phường.",  # a document with no author and no cue
    "Báo cáo của Bộ Y tế được gửi tới Quốc hội hôm qua.",  # a document sent, nothing said
    "Bộ Công an bảo vệ an ninh trật tự trong dịp lễ.",  # "bảo vệ": protects
    "Nhu cầu xin giấy phép xây dựng tăng mạnh trong năm nay.",  # "nhu cầu" (need), not "cầu xin"
    "Ông Nguyễn Văn Hùng nói chung là người tốt.",  # "nói chung": in general
    "Đại sứ Peru được triệu tới Bộ Ngoại giao để thông báo về quyết định trên.",  # a purpose: "để thông báo"
    "Ông là một “ngôi sao đang lên”, một ứng viên trẻ của đảng đối lập.",  # words quoted inside a sentence
    "Tin từ hiện trường rất ít ỏi.",  # news with no source that says anything
    "Một tờ giấy gắn trên cổ nạn nhân cáo buộc anh là gián điệp.",  # a sheet of paper ("tờ") is no newspaper
]


@pytest.mark.parametrize("sentence", LATER_SAMPLE_NON_STATEMENTS)
def test_later_sample_non_statements(sentence):
    assert triples(one_sentence(sentence)) == []


# --------------------------------------------------------------------------- captions

CAPTIONED = (
    "Hai bên nhất trí tăng cường hợp tác quốc phòng.\n"  # 1 body
    "Thủ tướng Phạm Minh Chính nhấn mạnh vai trò của kiều bào. Ảnh: TTXVN\n"  # 2, 3 captions
    "Đại sứ Nguyễn Minh Tâm cho biết kiều bào luôn đoàn kết."  # 4 body
)


def test_captions_left_out_unless_kept():
    doc = make_doc(CAPTIONED)
    assert [s.kind for s in doc.sentences] == ["title", "body", "caption", "caption", "body"]
    default = quads(StanceExtractor().extract([doc]))
    assert default == [(1, "Hai bên", "nhất trí", "agree"), (4, "Nguyễn Minh Tâm", "cho biết", "inform")]
    kept = quads(StanceExtractor(keep_captions=True).extract([doc]))
    assert kept == sorted([*default, (2, "Phạm Minh Chính", "nhấn mạnh", "emphasize")])


def test_caption_paragraph_gives_nothing():
    doc = make_doc("Hai bên nhất trí tăng cường hợp tác quốc phòng.\nThủ tướng Phạm Minh Chính phát biểu. Ảnh: TTXVN")
    assert [s.kind for s in doc.sentences] == ["title", "body", "caption", "caption"]
    assert quads(StanceExtractor().extract([doc])) == [(1, "Hai bên", "nhất trí", "agree")]


# --------------------------------------------------------------------------- tone of the content

TONE_CASES = [
    ("Thứ trưởng Nguyễn Mạnh Cường khẳng định quan hệ hai nước luôn tốt đẹp dù còn nhiều khó khăn.", 1, 1, "mixed"),
    ("Hai bên đánh giá cao sự phối hợp hiệu quả giữa hai bộ.", 1, 0, "positive"),
    ("Tổng Bí thư Tô Lâm nhấn mạnh quan hệ tốt đẹp cần được chuyển hóa thành hợp tác hiệu quả.", 2, 0, "positive"),
    # "thuỷ" is "thủy" with the tone mark placed elsewhere: the same word after folding
    ("Hai bên khẳng định quan hệ thuỷ chung giữa hai nước.", 1, 0, "positive"),
    ("Bộ trưởng Nguyễn Hồng Diên cho biết dự án đường sắt còn nhiều vướng mắc.", 0, 1, "difficulty"),
    ("Hai bên nhất trí tổ chức kỳ họp tiếp theo tại Viêng Chăn.", 0, 0, ""),
    # only the content counts: "khó khăn" is in the fronted clause, not in what was said
    ("Mặc dù còn khó khăn, Tổng Bí thư Tô Lâm nhấn mạnh quan hệ hai nước rất tốt đẹp.", 1, 0, "positive"),
]


@pytest.mark.parametrize("sentence, positive, difficulty, tone", TONE_CASES)
def test_tone_of_content(sentence, positive, difficulty, tone):
    found = one_sentence(sentence)
    assert len(found) == 1, found
    row = found.iloc[0]
    assert (int(row["tone_positive"]), int(row["tone_difficulty"]), row["tone"]) == (positive, difficulty, tone)


# --------------------------------------------------------------------------- table shape


def test_columns_and_date():
    doc = parse_document(
        "d7", unicodedata.normalize("NFC", "date 2024-10-09 Tin ngắn\nHai bên nhất trí tăng cường hợp tác quốc phòng.")
    )
    found = StanceExtractor().extract([doc])
    assert list(found.columns[:7]) == COLUMNS
    assert STANCE_COLUMNS == COLUMNS
    assert found[COLUMNS].values.tolist() == [
        ["d7", "2024-10-09", 1, "Hai bên", "nhất trí", "agree", "tăng cường hợp tác quốc phòng"]
    ]


def test_columns_of_an_empty_table():
    found = extract("Hai bên đã ký kết nhiều văn kiện hợp tác.")
    assert found.empty
    assert list(found.columns[:7]) == COLUMNS


def test_several_documents_keep_their_ids():
    docs = [
        make_doc("Hai bên nhất trí tăng cường hợp tác quốc phòng.", doc_id="a"),
        make_doc("Hai bên đã ký kết nhiều văn kiện hợp tác.", doc_id="b"),
        make_doc("Bộ Ngoại giao bác bỏ những thông tin sai lệch về chuyến thăm.", doc_id="c"),
    ]
    found = StanceExtractor().extract(docs)
    assert list(zip(found["doc_id"], found["actor"], found["stance"])) == [
        ("a", "Hai bên", "agree"),
        ("c", "Bộ Ngoại giao", "oppose"),
    ]


@pytest.fixture(scope="module")
def seed_corpus():
    return read_corpus(SEED_DIR)


@pytest.fixture(scope="module")
def seed_statements(seed_corpus):
    return StanceExtractor().extract(list(seed_corpus))


def test_deterministic(seed_corpus, seed_statements):
    again = StanceExtractor().extract(list(seed_corpus))
    pd.testing.assert_frame_equal(seed_statements, again)
    docs = [make_doc(body, doc_id=f"m{i}") for i, (body, _) in enumerate(COORDINATED_CASES)]
    pd.testing.assert_frame_equal(StanceExtractor().extract(docs), StanceExtractor().extract(docs))


def test_extractor_follows_scikit_learn_conventions():
    from sklearn.base import clone

    register = load_register()
    extractor = StanceExtractor(register=register, keep_captions=True)
    assert extractor.get_params() == {"register": register, "keep_captions": True, "jobs": None}
    copy = clone(extractor)
    assert copy.get_params()["keep_captions"] is True and not hasattr(copy, "lexicons_")
    assert extractor.fit() is extractor and hasattr(extractor, "lexicons_")


def test_statements_of_many_documents_are_the_same_in_worker_processes():
    """600 documents (enough to start workers): the same rows, in the documents' order."""
    from analysis.reading.layout import parse_document

    people = ["Ông Nguyễn Văn An", "Bà Trần Thị Bình", "Bộ Ngoại giao", "Thủ tướng Lào Sonexay Siphandone"]
    docs = [
        parse_document(f"d{i:03d}", f"{people[i % 4]} cho biết hai bên sẽ hợp tác. Theo ông Lê Cường, việc này tốt.")
        for i in range(600)
    ]
    one, two = StanceExtractor(jobs=1).extract(docs), StanceExtractor(jobs=2).extract(docs)
    assert len(one) == 1200 and one["doc_id"].tolist()[:4] == ["d000", "d000", "d001", "d001"]
    assert one["actor"].tolist()[:4] == ["Nguyễn Văn An", "Lê Cường", "Trần Thị Bình", "Lê Cường"]
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize(
    "options, parameter",
    [({"keep_captions": "yes"}, "keep_captions"), ({"register": "actors.toml"}, "register")],
)
def test_bad_parameters_name_the_python_parameter(options, parameter):
    with pytest.raises(ValueError, match=parameter) as info:
        StanceExtractor(**options).extract([make_doc("Ông Nguyễn Văn An cho biết trời sẽ mưa to.")])
    assert "--" not in str(info.value)


def test_data_files_are_read_once_per_extractor(monkeypatch):
    import analysis.stance.lexicons as lexicons

    extractor = StanceExtractor()
    docs = [make_doc("Ông Nguyễn Văn An cho biết trời sẽ mưa to.", doc_id=f"d{i}") for i in range(3)]
    first = extractor.extract(docs)
    monkeypatch.setattr(lexicons, "load_register", lambda *a, **k: pytest.fail("register read again"))
    pd.testing.assert_frame_equal(extractor.extract(docs), first)
    assert first["actor"].tolist() == ["Nguyễn Văn An"] * 3


def test_seed_statements_are_well_formed(seed_corpus, seed_statements):
    assert list(seed_statements.columns[:7]) == COLUMNS
    assert set(seed_statements["stance"]) <= CLASSES
    kinds = {(d.doc_id, s.index): s.kind for d in seed_corpus for s in d.sentences}
    for row in seed_statements.itertuples():
        assert kinds[(row.doc_id, row.sentence_id)] != "caption", row
        assert row.actor, row


# --------------------------------------------------------------------------- the gold standard


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return pd.read_csv(GOLD, dtype={"sentence_id": int}, keep_default_na=False, encoding="utf-8")


def test_evaluate_counts_each_gold_row_once():
    # found: a hit, the same statement again (only one gold row for it) and a wrong sentence
    found = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "sentence_id": [1, 1, 2],
            "actor": ["Tô Lâm", "TÔ LÂM", "Hai bên"],
            "cue": ["nhấn mạnh"] * 2 + ["nhất trí"],
            "stance": ["emphasize", "emphasize", "agree"],
        }
    )
    gold = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "sentence_id": [1, 3],
            "actor": ["tô lâm", "Hai bên"],
            "cue": ["nhấn mạnh", "nhất trí"],
            "stance": ["emphasize", "agree"],
        }
    )
    precision, recall, errors = evaluate(found, gold)
    assert precision == pytest.approx(1 / 3)
    assert recall == pytest.approx(1 / 2)
    assert Counter(errors["kind"]) == {"spurious": 2, "missed": 1}


def test_gold_precision_and_recall(seed_statements, gold):
    precision, recall, errors = evaluate(seed_statements, gold)
    report = errors.to_string()
    assert precision >= 0.95, report
    assert recall >= 0.95, report


def test_gold_file_is_well_formed(gold, seed_corpus):
    raw = GOLD.read_bytes()
    text = raw.decode("utf-8")
    assert b"\r" not in raw and not text.startswith("\ufeff")
    assert unicodedata.normalize("NFC", text) == text
    header = next(csv.reader(io.StringIO(text)))
    assert header == ["doc_id", "sentence_id", "actor", "cue", "stance", "note"]
    # counts stated in tests/data/README.md
    assert len(gold) == 68
    assert Counter(gold["doc_id"].str[:3]) == {"000": 5, "001": 27, "002": 14, "003": 9, "004": 13}
    assert Counter(gold["stance"]) == {
        "inform": 16,
        "emphasize": 16,
        "assert": 11,
        "agree": 11,
        "propose": 8,
        "praise": 5,
        "thank": 1,
    }
    assert set(gold["stance"]) <= CLASSES
    keys = list(zip(gold["doc_id"], gold["sentence_id"]))
    assert keys == sorted(keys)  # ordered by document and sentence
    docs = {d.doc_id: d for d in seed_corpus}
    for row in gold.itertuples():
        assert row.doc_id in docs, row
        doc = docs[row.doc_id]
        sentence = next((s for s in doc.sentences if s.index == row.sentence_id), None)
        assert sentence is not None, row
        assert sentence.kind != "caption", row
        assert fold(row.cue) in fold(doc.sentence_text(sentence)), row
        assert fold(row.actor) in fold(doc.text), row
        assert row.actor and row.cue, row


# --------------------------------------------------------------------------- command line


def test_cli_stance_csv(tmp_path, seed_statements):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "stance", "--csv"], cwd=ROOT, env=env, capture_output=True, timeout=600
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert rows[0][:7] == COLUMNS
    assert all(len(row) == len(rows[0]) for row in rows[1:])
    cli = sorted((r[0], int(r[2]), r[3], r[4], r[5]) for r in rows[1:])
    library = sorted(
        zip(
            seed_statements["doc_id"],
            seed_statements["sentence_id"].astype(int),
            seed_statements["actor"],
            seed_statements["cue"],
            seed_statements["stance"],
        )
    )
    assert cli == library


# --------------------------------------------------------------------------- --actors files with bad fields

BAD_REGISTERS = [
    ("person-without-name", '[[person]]\nrole = "Minister"\n', "[[person]] number 1", "'name'"),
    ("person-name-a-list", '[[person]]\nname = ["Tô", "Lâm"]\n', "[[person]] number 1", "'name'"),
    ("person-titles-a-string", '[[person]]\nname = "A"\ntitles = "Bộ trưởng"\n', "[[person]] number 1", "'titles'"),
    ("person-country-a-number", '[[person]]\nname = "A"\ncountry = 84\n', "[[person]] number 1", "'country'"),
    (
        "person-role-a-table",
        '[[person]]\nname = "A"\n[person.role]\nen = "Minister"\n',
        "[[person]] number 1",
        "'role'",
    ),
    (
        "second-person-without-name",
        '[[person]]\nname = "A"\n\n[[person]]\ncountry = "Lào"\n',
        "[[person]] number 2",
        "'name'",
    ),
    ("group-without-names", '[[group]]\ncountry = "Lào"\n', "[[group]] number 1", "'names'"),
    ("group-names-a-string", '[[group]]\nnames = "Phía Lào"\n', "[[group]] number 1", "'names'"),
    ("person-a-table", '[person]\nname = "A"\n', "", "'person'"),
    ("titles-a-list", 'titles = ["Bộ trưởng"]\n', "", "'titles'"),
    ("title-words-numbers", "[titles]\nwords = [1]\n", "[titles]", "'words'"),
    ("places-words-a-string", '[places]\nwords = "Viêng Chăn"\n', "[places]", "'words'"),
]


@pytest.mark.parametrize("text, entry, field", [b[1:] for b in BAD_REGISTERS], ids=[b[0] for b in BAD_REGISTERS])
def test_actor_files_with_missing_or_mistyped_fields_are_input_errors(tmp_path, text, entry, field):
    path = tmp_path / "more.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_register(extra=path)
    assert info.value.where == str(path)
    assert entry in info.value.message and field in info.value.message


def test_an_actor_file_adds_its_people_and_groups(tmp_path):
    path = tmp_path / "more.toml"
    path.write_text(
        '[[person]]\nname = "Nguyễn Văn A"\nrole = "Envoy"\ntitles = ["Đặc phái viên"]\ncountry = "other"\n'
        '[[group]]\nnames = ["Phía bạn"]\ncountry = "Lào"\n[titles]\nwords = ["Đặc phái viên"]\n',
        encoding="utf-8",
    )
    register = load_register(extra=path)
    assert (register.country("Nguyễn Văn A"), register.role("Nguyễn Văn A")) == ("other", "Envoy")
    assert register.country("phía bạn") == "Lào"
    assert "Đặc phái viên" in register.titles
    assert register.country("Tô Lâm") == "Việt Nam"  # the built-in register is still there


# --------------------------------------------------------------------------- stance --gold


def test_gold_agreement_matches_hand_copied_sentences():
    # the project splits "Donald H. Rumsfeld" after "H.": the gold's sentence overlaps two of its sentences
    doc = make_doc(
        "Ngoại trưởng Mỹ Donald H. Rumsfeld cho biết quân đội sẽ rút sớm. Hai bên nhất trí tăng cường hợp tác kinh tế.",
        doc_id="d",
    )
    found = StanceExtractor().extract([doc])
    gold = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            # an annotator's copy: other spacing, a cut sentence end; the third row is not found
            "sentence_text": [
                "Ngoại trưởng Mỹ Donald H. Rumsfeld  cho biết quân đội",
                "hai bên nhất trí tăng cường",
                "Hai bên nhất trí tăng cường hợp tác kinh tế.",
            ],
            "actor": ["Donald H. Rumsfeld", "hai bên", "Hai bên"],
            "stance": ["inform", "agree", "agree"],
            "cue": "",
        }
    )
    agreement, misses = gold_agreement(found, gold, [doc])
    row = agreement.set_index("stance").loc["all"]
    assert (int(row["gold"]), int(row["extracted"]), int(row["matched"])) == (3, 2, 2)
    assert row["precision"] == 1.0 and row["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert misses[["kind", "actor"]].values.tolist() == [["missed", "Hai bên"]]
    assert list(agreement["stance"]) == [*STANCES, "all"]


def test_gold_sentence_running_a_headline_into_its_lead():
    # the annotator copied the headline, a source mark the reader drops ("(NLĐ) -") and the lead as one
    # sentence: each of the project's two sentences lies inside it, so both statements are located there
    doc = make_doc(
        "Ông Nicholson cho biết hai nước sẽ mở rộng hợp tác an ninh trong năm tới.",
        doc_id="d",
        head="Ông James Nicholson kêu gọi Việt Nam hợp tác chống khủng bố",
    )
    found = StanceExtractor().extract([doc])
    joined = (
        "Ông James Nicholson kêu gọi Việt Nam hợp tác chống khủng bố (NLĐ) - Ông Nicholson cho biết hai nước sẽ "
        "mở rộng hợp tác an ninh trong năm tới."
    )
    gold = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "sentence_text": [joined, joined],
            "actor": ["James Nicholson", "James Nicholson"],
            "stance": ["propose", "inform"],
            "cue": ["kêu gọi", "cho biết"],
        }
    )
    agreement, _ = gold_agreement(found, gold, [doc])
    assert agreement.set_index("stance").loc["all", "matched"] == 2


def test_gold_copied_with_html_entities_matches_the_decoded_document(tmp_path):
    # documents are read with entities decoded; an annotator copied the file as it was
    path = write(tmp_path / "c" / "d.txt", "Tin\n\nSở Tài nguyên &amp; Môi trường cho biết giá đất đã tăng mạnh.\n")
    doc = read_corpus(path.parent).documents[0]
    found = StanceExtractor().extract([doc])
    gold = read_gold(
        write(
            tmp_path / "gold.csv",
            "doc_id,sentence_text,actor,stance\n"
            "d,Sở Tài nguyên &amp; Môi trường cho biết giá đất,"
            "Sở Tài nguyên &amp; Môi trường,inform\n",
        )
    )
    agreement, _ = gold_agreement(found, gold, [doc])
    assert agreement.set_index("stance").loc["all", "matched"] == 1


@pytest.mark.parametrize(
    "extracted, gold, same",
    [
        ("Rumsfeld", "Donald H. Rumsfeld", True),
        ("Bộ Ngoại giao", "Bộ ngoại giao Chile", True),
        ("Bộ Ngoại giao", "Bộ Ngoại thương", False),  # not a run of the other's syllables
        ("Tô Lâm", "Tô Huy Rứa", False),
        # A country between a medium's or body's kind and its name qualifies it: left out of the match.
        ("Hãng thông tấn Mỹ AP", "Hãng thông tấn AP", True),
        ("Hãng tin AFP", "Hãng tin Pháp AFP", True),
        ("Bộ Ngoại giao Mỹ", "Bộ Ngoại giao Nga", False),  # a country that ends the name stays
        ("Hãng thông tấn Mỹ AP", "Hãng thông tấn Mỹ Reuters", False),
        # Initials joined to a name by dots are taken apart, as if spaced
        ("Salazar", "M.Salazar", True),
        ("M.Mottaki", "Mottaki", True),
        ("M.Salazar", "M.Salas", False),
    ],
)
def test_gold_actor_match_by_whole_syllables(extracted, gold, same):
    doc = make_doc(f"{extracted} cho biết hai nước sẽ hợp tác chặt chẽ hơn.", doc_id="d")
    found = pd.DataFrame(
        {"doc_id": ["d"], "sentence_id": [1], "actor": [extracted], "cue": ["cho biết"], "stance": ["inform"]}
    )
    gold_rows = pd.DataFrame(
        {"doc_id": ["d"], "sentence_id": [1], "actor": [gold], "stance": ["inform"], "cue": ["cho biết"]}
    )
    agreement, _ = gold_agreement(found, gold_rows, [doc])
    assert agreement.set_index("stance").loc["all", "matched"] == int(same)


def test_cli_gold_on_the_seeds(tmp_path):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "stance", "--gold", str(GOLD), "--csv"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert list(rows[0]) == ["stance", "gold", "extracted", "matched", "precision", "recall"]
    assert [r["stance"] for r in rows] == [*STANCES, "all"]
    total = rows[-1]
    assert int(total["gold"]) == 68 and float(total["precision"]) >= 0.95 and float(total["recall"]) >= 0.95


@pytest.mark.parametrize(
    "text, message",
    [
        ("doc_id,sentence_text,actor\nd,x,y\n", "missing column 'stance'"),
        ("doc_id,actor,stance\nd,y,inform\n", "missing column 'sentence_id or sentence_text'"),
        ("doc_id,sentence_id,actor,stance\n000_71d1d54ed88e5950,1,y,shout\n", "unknown stance class 'shout'"),
        ("doc_id,sentence_id,actor,stance\nnowhere,1,y,inform\n", "doc_id 'nowhere' is not in the corpus"),
    ],
)
def test_cli_gold_file_errors(tmp_path, text, message):
    path = tmp_path / "gold.csv"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "stance", "--gold", str(path), "--csv"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=600,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and err.startswith("error: ") and message in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture(scope="module")
def vntc_halves(tmp_path_factory):
    """The articles of every VNTC gold file (``vntc_stance_sample.csv``: the development files and the
    held-out one), by file, extracted from the VNTC tarball (never kept in the project)."""
    if not TARBALL.is_file():
        pytest.skip(f"VNTC not found at {TARBALL}")
    sample = pd.read_csv(VNTC_SAMPLE, dtype=str)
    every = tmp_path_factory.mktemp("vntc_sample")
    with tarfile.open(TARBALL) as tar:
        members = {m.name: m for m in tar.getmembers()}
        wanted = {members[f"Train_Full/{d}.txt"] for d in sample["doc_id"]}
        # In the order of the archive: one pass through the compressed stream, not one per file
        tar.extractall(every, members=sorted(wanted, key=lambda m: m.offset), filter="data")
    halves = {}
    for half, ids in sample.groupby("half")["doc_id"]:
        root = tmp_path_factory.mktemp(f"vntc_{half}") / "Train_Full"
        for d in ids:
            (root / d).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(every / "Train_Full" / f"{d}.txt", root / f"{d}.txt")
        halves[half] = list(read_corpus(root, cache_dir=None))
    return halves


# Floors a little under today's scores on each file (all eight are development data now; heldout2 and heldout3
# guided the fourth round of rules, heldout4 the fifth, the misses of the first seven the sixth, after which
# heldout scores 0.94 / 0.80, heldout2 0.84 / 0.67, heldout3 0.88 / 0.74, heldout4 0.97 / 0.78, heldout5 0.86 /
# 0.58, heldout6, the held-out file of that round, 0.81 / 0.55, and after the seventh heldout7 0.78 / 0.55,
# heldout8 0.89 / 0.66 and heldout9 0.81 / 0.57; the eighth round was written on the misses of heldout9 and
# heldout10, after which heldout5 scores 0.87 / 0.60, heldout9 0.84 / 0.61 and heldout10 0.89 / 0.64; after the
# ninth, on heldout11, and gold initials taken apart, heldout10 0.90 / 0.65 and heldout11 0.88 / 0.67; after the
# tenth, on heldout12, heldout8 0.90 / 0.68 and heldout12 0.84 / 0.59; after the eleventh, on heldout13,
# heldout13 0.84 / 0.64; after the twelfth, on heldout14, heldout14 0.86 / 0.57; after the thirteenth, on
# heldout15, heldout15 0.91 / 0.71; after the fourteenth, on heldout16, heldout16 0.88 / 0.68; after the
# fifteenth, on heldout17, heldout17 0.77 / 0.51; after the sixteenth and seventeenth, heldout13 0.84 / 0.65,
# heldout18 0.78 / 0.63; after the eighteenth, on heldout19, heldout19 0.85 / 0.55; after the nineteenth, on
# heldout20, heldout20 0.80 / 0.57; after the twentieth to twenty-second, heldout21 0.81 / 0.55, heldout17 0.79 /
# 0.53, heldout18 0.78 / 0.65; after the twenty-third, on heldout22, heldout22 0.84 / 0.57; heldout23, scored
# with those rules, 0.88 / 0.63):
# a change that loses statements on real news fails here. The articles' statements were annotated by reading.
@pytest.mark.parametrize(
    "half, statements, precision, recall",
    [
        ("dev", 140, 0.95, 0.85),
        ("heldout", 147, 0.92, 0.78),
        ("fresh", 158, 0.93, 0.82),
        ("heldout2", 184, 0.82, 0.65),
        ("heldout3", 171, 0.86, 0.73),
        ("heldout4", 144, 0.93, 0.77),
        ("heldout5", 161, 0.86, 0.59),
        ("heldout6", 210, 0.80, 0.55),
        ("heldout7", 146, 0.78, 0.58),
        ("heldout8", 151, 0.88, 0.65),
        ("heldout9", 184, 0.83, 0.60),
        ("heldout10", 194, 0.89, 0.64),
        ("heldout11", 186, 0.87, 0.66),
        ("heldout12", 216, 0.83, 0.58),
        ("heldout13", 221, 0.82, 0.63),
        ("heldout14", 169, 0.84, 0.56),
        ("heldout15", 143, 0.89, 0.70),
        ("heldout16", 249, 0.86, 0.67),
        ("heldout17", 119, 0.75, 0.50),
        ("heldout18", 183, 0.76, 0.62),
        ("heldout19", 168, 0.84, 0.55),
        ("heldout20", 141, 0.80, 0.56),
        ("heldout21", 174, 0.80, 0.54),
        ("heldout22", 157, 0.82, 0.55),
        ("heldout23", 161, 0.86, 0.61),
        ("heldout24", 185, 0.78, 0.58),
        ("heldout25", 174, 0.88, 0.71),
        ("heldout26", 209, 0.80, 0.63),
        ("heldout27", 156, 0.84, 0.69),
    ],
)
def test_vntc_gold_precision_and_recall(vntc_halves, half, statements, precision, recall):
    docs = vntc_halves[half]
    gold = read_gold(VNTC_GOLD.with_name(f"vntc_stance_gold_{half}.csv"))
    agreement, misses = gold_agreement(StanceExtractor().extract(docs), gold, docs)
    total = agreement.set_index("stance").loc["all"]
    report = agreement.to_string() + "\n" + misses.to_string()
    assert total["gold"] == statements
    assert total["precision"] >= precision, report
    assert total["recall"] >= recall, report


# The held-out files: 40 articles each, annotated blind and committed before they were scored, scored once.
# heldout6 (committed at d234b27, scored at 2deb4a6 after the sixth round of rules): precision 0.81 (116/143),
# recall 0.55 (116/210); heldout7 (committed and scored at 5d744a4, the same rules): 0.76 (79/104), 0.54 (79/146);
# heldout8 (committed and scored at db9921c, after the seventh round): 0.89 (99/111), 0.66 (99/151); heldout9
# (committed and scored at 93ead03, the seventh round and one rule more): 0.81 (105/130), 0.57 (105/184); all
# four have since been read, and their floors are above. heldout10 (committed at 9e74f7a and scored there, the
# same rules): 0.83 (115/138), 0.59 (115/194); read since (the eighth round). heldout11 (committed at f1b2788,
# scored at 292f339 after the eighth round): 0.86 (121/141), 0.65 (121/186); read since (the ninth round).
# heldout12 (committed at 8177e06, scored at 4f43ff7 after the ninth round): 0.82 (125/153), 0.58 (125/216);
# read since (the tenth round). heldout13 (committed at 6d74b98 and scored there, after the tenth round): 0.83
# (137/166), 0.62 (137/221); read since (the eleventh round). heldout14 (committed at 471d387, scored at b5864f5
# after the eleventh round): 0.85 (89/105), 0.53 (89/169); read since (the twelfth round). heldout15 (committed
# at 06ceeec and scored there, after the twelfth round): 0.89 (98/110), 0.69 (98/143); read since (the
# thirteenth round). heldout16 (committed at 0306993 and scored there, after the thirteenth round): 0.86
# (166/192), 0.67 (166/249); read since (the fourteenth round). heldout17 (committed at 062946c and scored
# there, after the fourteenth round): 0.75 (59/79), 0.50 (59/119); read since (the fifteenth round).
# heldout18 (committed at 4a3ca32 and scored there, after the fifteenth round): 0.77 (116/151), 0.63
# (116/183); read since (the seventeenth round). heldout19 (committed at 7dec546 and scored there, after the
# seventeenth round): 0.84 (92/110), 0.55 (92/168); read since (the eighteenth round). heldout20 (committed at
# 064f8dc, scored at 0311ac5 after the eighteenth round): 0.80 (80/100), 0.57 (80/141); read since (the nineteenth
# round). heldout21 (committed at c6ed822 and scored there, after the nineteenth round): 0.79 (91/115), 0.52
# (91/174); read since (the twentieth to twenty-second rounds). heldout22 (committed at 7007e5f and scored there,
# after the twenty-second round): 0.84 (87/104), 0.55 (87/157); read since (the twenty-third round). heldout23
# (committed at 2612502 and scored there, after the twenty-third round): 0.88 (102/116), 0.63 (102/161); heldout24
# (committed at 373f87b and scored there, the same rules): 0.77 (106/137), 0.57 (106/185); heldout25 (committed at
# ab465ba and scored there, the same rules): 0.83 (113/136), 0.65 (113/174); read since (the twenty-fourth round).
# heldout26 (committed at 11a1eab, scored at c1e7929 after the twenty-fourth round): 0.78 (127/162), 0.61 (127/209);
# read since (the twenty-fifth round). heldout27 (committed at a12d484, scored at fc5f569 after the twenty-fifth
# round): 0.84 (108/128), 0.69 (108/156); heldout28 (committed and scored at 7a8e6c0, after the twenty-sixth round):
# 0.83 (115/139), 0.57 (115/200). Issue 10 asks for 0.85 / 0.80 at least;
# until the extractor gets there this test is an expected failure, and strict: the day it passes, measure
# again on new held-out text (a file that has guided a change is no longer unseen).
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="held-out recall 0.57, precision 0.83: below 0.80 / 0.85")
def test_vntc_held_out_gold_meets_the_floors(vntc_halves):
    docs = vntc_halves["heldout28"]
    gold = read_gold(VNTC_GOLD.with_name("vntc_stance_gold_heldout28.csv"))
    agreement, _ = gold_agreement(StanceExtractor().extract(docs), gold, docs)
    total = agreement.set_index("stance").loc["all"]
    assert total["gold"] == 200
    assert total["precision"] >= 0.85 and total["recall"] >= 0.80


# --------------------------------------------------------------------------- figures at scale


@pytest.mark.parametrize(
    "dates, unit, first",
    [
        (["2024-10-09", "2024-11-02", "2026-02-05"], "month", "2024-10"),
        ([f"{y}-{m:02d}-01" for y in range(2000, 2004) for m in range(1, 13)], "quarter", "2000-Q1"),
        ([f"{y}-06-01" for y in range(1950, 1990)], "year", "1950"),
    ],
)
def test_stance_over_time_coarsens_its_periods(dates, unit, first):
    from analysis.stance.figures import _period

    period, got = _period(pd.Series(dates))
    assert got == unit and period.iloc[0] == first


def test_actors_beyond_the_top_grouped_as_other():
    from analysis.stance.figures import _with_other

    table = pd.DataFrame({"actor": ["A", "A", "B", "C", "D"]})
    grouped, groups = _with_other(table, ["A", "B"])
    assert groups == ["other (2 actors)"]
    assert grouped.tolist() == ["A", "A", "B", "other (2 actors)", "other (2 actors)"]


def test_unresolved_actors_are_never_ranked_and_form_one_row():
    """On a large corpus "Họ", "Ông" speak most often: they are left out of the ranking and drawn as one
    row ``unresolved`` after the named actors and ``other``."""
    from analysis.stance.figures import _top_actors, _with_other

    table = pd.DataFrame(
        {
            "actor": ["Họ", "Họ", "Họ", "Ông", "Chúng tôi", "Lê Văn A", "Lê Văn A", "Bộ Y tế", "Trần B"],
            # a first-person pronoun left as written names no one either, whatever its type
            "actor_type": ["unresolved"] * 4 + ["collective", "person", "person", "body", "person"],
        }
    )
    assert _top_actors(table) == ["Lê Văn A", "Bộ Y tế", "Trần B"]
    grouped, groups = _with_other(table, ["Lê Văn A", "Bộ Y tế"])
    assert groups == ["other (1 actors)", "unresolved"]
    assert grouped.tolist() == ["unresolved"] * 5 + ["Lê Văn A", "Lê Văn A", "Bộ Y tế", "other (1 actors)"]
    grouped, groups = _with_other(table.iloc[5:], ["Lê Văn A", "Bộ Y tế", "Trần B"])  # named actors only
    assert groups == [] and grouped.tolist() == ["Lê Văn A", "Lê Văn A", "Bộ Y tế", "Trần B"]


# --------------------------------------------------------------------------- hyphens, speech after a manner


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # A foreign name in Latin letters joined by a hyphen is one name, with or without a title before it.
        (
            "Ông Ahmed Al-Rashid cho biết giá dầu sẽ còn tăng trong quý tới.",
            [("Ahmed Al-Rashid", "cho biết", "inform")],
        ),
        (
            "Bộ trưởng Dầu mỏ Kuwait Al-Sabah khẳng định sản lượng sẽ giữ nguyên.",
            [("Al-Sabah", "khẳng định", "assert")],
        ),
        # A medium of the lexicon written with its hyphen, opening the sentence.
        ("Itar-Tass cho rằng vụ phóng thử đã thành công ngoài dự kiến.", [("Itar-Tass", "cho rằng", "assert")]),
        # A hyphen after a Vietnamese syllable sets off a description: the name stops before it.
        (
            "TS Lê Văn Bình-Trưởng khoa Luật cho biết khoa sẽ tuyển thêm giảng viên.",
            [("Lê Văn Bình", "cho biết", "inform")],
        ),
    ],
)
def test_hyphenated_names(sentence, expected):
    assert triples(one_sentence(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Quan hệ Mỹ-Iran tiếp tục căng thẳng sau vụ việc.",  # a hyphen between two countries: no speaker, no cue
        "Sinh viên Trường ĐH KHXH-NV tham gia chiến dịch mùa hè xanh.",  # two acronyms joined: no statement
    ],
)
def test_hyphens_without_statements(sentence):
    assert one_sentence(sentence).empty


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # An indefinite person ("một"/"vị" + a noun of people), as written, before a cue or a verb of manner
        # that introduces a quotation after a colon.
        (
            "Một người bán rau ở chợ Long Biên tâm sự: “Mưa mãi thế này thì lỗ vốn mất.”",
            [("Một người bán rau ở chợ Long Biên", "tâm sự", "inform")],
        ),
        (
            "Một cư dân tại khu tập thể ngán ngẩm: “Tháng nào cũng mất nước.”",
            [("Một cư dân tại khu tập thể", "ngán ngẩm", "concern")],
        ),
        ("Một tài xế xe tải lắc đầu: “Đường này đi không nổi.”", [("Một tài xế xe tải", "lắc đầu", "inform")]),
        ("Vị phụ huynh tỏ ra lo lắng: “Cháu học đến khuya mới xong bài.”", [("Vị phụ huynh", "lo lắng", "concern")]),
        # A quotation, then a name, a description and an aside in brackets: the name speaks.
        (
            "“Giá sẽ còn tăng”, Mark Jensen, giám đốc Viện Năng lượng (một nhóm nghiên cứu độc lập) cho hay.",
            [("Mark Jensen", "cho hay", "inform")],
        ),
    ],
)
def test_indefinite_speakers_and_described_names(sentence, expected):
    assert triples(one_sentence(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Một số tiền lớn: “khoản tạm ứng” của dự án vẫn chưa được hoàn trả.",  # "một" + no person: nothing said
        "Một buổi sáng mùa đông: “Hà Nội vào thu” được phát lại trên sóng truyền hình.",
        "Một người ngã xuống sông nhưng đã được cứu kịp thời.",  # a person, but no cue and no colon
    ],
)
def test_indefinite_phrases_without_statements(sentence):
    assert one_sentence(sentence).empty


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Two conjuncts as subject: the first, a person's full name, speaks (the second is a description).
        (
            "Nguyễn Thu Hà và thí sinh trường Luật cho rằng học tủ thì khó làm được bài.",
            [("Nguyễn Thu Hà", "cho rằng", "assert")],
        ),
        (
            "Đề thi vừa sức nhưng Trần Văn Lộc và bạn cùng phòng cho rằng thời gian làm bài quá ngắn.",
            [("Trần Văn Lộc", "cho rằng", "assert")],
        ),
        # A capitalised "Theo" after a word in lower case opens a sentence whose stop is missing
        # (a headline run into the lead).
        (
            "Giá xăng tăng mạnh trong tháng này Theo một nguồn tin, giá dầu thô sẽ còn tăng trong quý tới.",
            [("Một nguồn tin", "Theo", "inform")],
        ),
    ],
)
def test_coordinated_subjects_and_theo_after_a_headline(sentence, expected):
    assert triples(one_sentence(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Việc đàm phán với Mexico, Peru và Cộng hòa Dominica đã cơ bản thống nhất.",  # a list of places
        "Bộ phim được quay ở Huế Theo kế hoạch, đoàn làm phim sẽ quay tiếp ở Đà Nẵng.",  # "Theo kế hoạch"
        "Lê Văn Hưng và đồng đội đã về đích trước thời hạn.",  # two conjuncts, but no cue
    ],
)
def test_coordination_and_theo_without_statements(sentence):
    assert one_sentence(sentence).empty


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Reported speech inside reported speech: the inner cue introduces speech of its own ("rằng") and has
        # a named subject of its own, set off by a description.
        (
            "Ông Phạm Văn Tư nói rằng quyết định được đưa ra sau khi bà Lê Thị Hoa, vợ ông Tám, cáo buộc rằng "
            "công ty đã vi phạm hợp đồng.",
            [("Lê Thị Hoa", "cáo buộc", "oppose"), ("Phạm Văn Tư", "nói rằng", "inform")],
        ),
        (
            "Bà Lê Thị Hoa, giám đốc sở, cho biết ông Đinh Văn Tám, trưởng phòng, đã khẳng định rằng dự án sẽ xong.",
            [("Lê Thị Hoa", "cho biết", "inform"), ("Đinh Văn Tám", "khẳng định", "assert")],
        ),
        # A coordinated predicate with no subject of its own keeps the first subject.
        (
            "Ông Phạm Văn Tư hoan nghênh kết quả đạt được, khẳng định rằng quan hệ hai nước ngày càng tốt đẹp.",
            [("Phạm Văn Tư", "hoan nghênh", "praise"), ("Phạm Văn Tư", "khẳng định", "assert")],
        ),
    ],
)
def test_nested_speech_with_a_subject_of_its_own(sentence, expected):
    assert triples(one_sentence(sentence)) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # A medium reports by publishing: "phản ánh", "đưa tin" count with a medium as subject, no colon needed.
        (
            "Báo Tuổi Trẻ đã phản ánh về việc hai cán bộ chặn xe hàng loạt trên quốc lộ.",
            [("Báo Tuổi Trẻ", "phản ánh", "inform")],
        ),
        ("Hãng tin AFP đưa tin về vụ nổ ở thủ đô vào sáng nay.", [("Hãng tin AFP", "đưa tin", "inform")]),
        # Anyone else "phản ánh" only when it introduces speech.
        ("Ông Nguyễn Văn Nam phản ánh: “Đường vào xã bị sạt lở nặng.”", [("Nguyễn Văn Nam", "phản ánh", "inform")]),
    ],
)
def test_media_report_by_publishing(sentence, expected):
    assert triples(one_sentence(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Bộ phim phản ánh cuộc sống của người dân vùng cao.",  # a film reflects: not a medium reporting
        "Ông Nguyễn Văn Nam phản ánh thực tế khó khăn của ngành trong bài viết.",  # reflects, no speech after
        "Công ty công bố kết quả kinh doanh quý III vào tuần trước.",  # publishing results: an event
    ],
)
def test_publishing_verbs_without_statements(sentence):
    assert one_sentence(sentence).empty


@pytest.mark.parametrize(
    "body, expected",
    [
        # "Cơ quan này", "Đơn vị này" name a body by its kind: the last body that spoke, whatever its name.
        (
            "Cục Thú y cho biết dịch đã được khống chế.\nCơ quan này khẳng định người dân có thể tái đàn từ tháng sau.",
            [(1, "Cục Thú y", "cho biết", "inform"), (2, "Cục Thú y", "khẳng định", "assert")],
        ),
        # No body spoke before (a collective did): left as written.
        (
            "Hai bên cho biết dịch đã được khống chế.\nCơ quan này khẳng định người dân có thể tái đàn từ tháng sau.",
            [(1, "Hai bên", "cho biết", "inform"), (2, "Cơ quan này", "khẳng định", "assert")],
        ),
    ],
)
def test_generic_body_reference(body, expected):
    assert quads(extract(body)) == expected


# --------------------------------------------------------------------------- general forms of speech (issue 10)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # A quotation closed by a comma, then a person and a short verb of any kind: the person said it.
        (
            "“Nhà tôi xây không phép nên không có bản vẽ”, anh Trần Văn Tuấn thú thật.",
            [("Trần Văn Tuấn", "thú thật", "inform")],
        ),
        # "quả quyết" is a cue of its own since the eighth round (asserts firmly), as the annotators read it
        ('"Chúng tôi sẽ quay lại", ông Đỗ Văn Khải quả quyết.', [("Đỗ Văn Khải", "quả quyết", "assert")]),
        ("“Sao lại thế được”, bà Lê Thị Mai cười.", [("Lê Thị Mai", "cười", "inform")]),
        # A colon and a quotation after an honorific and a person noun, whatever the verb.
        ("Cô nhân viên giãy nảy: “Không có bản vẽ thì không làm được!”", [("Cô nhân viên", "giãy nảy", "inform")]),
        # Teachers and ranks are honorifics before a name.
        ("Thầy Hồ Văn Sơn cho biết: “Dạy các em rất khó.”", [("Hồ Văn Sơn", "cho biết", "inform")]),
        ("Cũng theo thiếu úy Nguyễn Văn Hải, trạm đang ứng cứu một tàu cá.", [("Nguyễn Văn Hải", "theo", "inform")]),
        # "Theo tin từ X": the source after "từ".
        (
            "Theo tin từ Sở Giao thông vận tải, tuyến đường sẽ xong vào tháng 5.",
            [("Sở Giao thông vận tải", "Theo", "inform")],
        ),
        # Colloquial and evaluative speech verbs.
        (
            "Một cán bộ phường ước tính, mỗi hộ phải bỏ ra khoảng 200.000 đồng.",
            [("Một cán bộ phường", "ước tính", "assert")],
        ),
        ("Ông Lê Văn Bình bổ sung: “Hồ sơ phải nộp trước ngày 10.”", [("Lê Văn Bình", "bổ sung", "inform")]),
        ("BCH Trung ương kiên quyết phê phán những ý kiến sai trái.", [("BCH Trung ương", "phê phán", "oppose")]),
        (
            "Ông Kim Jong Bo cố gắng đảm bảo với các nghị sĩ rằng ông sẽ tái tranh cử.",
            [("Kim Jong Bo", "đảm bảo", "commit")],
        ),
        # An existential "có" before an opinion or a person nobody names: that indefinite speaker.
        ("Có ý kiến cho rằng, biển số xe là biển số giả.", [("Có ý kiến", "cho rằng", "assert")]),
        ("Hiện nay có người cho rằng xe tải đi đường khác để tránh phạt.", [("Có người", "cho rằng", "assert")]),
        # A people named by "người" and a country, or "Thế giới" and a name: a collective.
        ("Nhưng người Palestine lại phản đối vì kế hoạch này.", [("Người Palestine", "phản đối", "oppose")]),
        ("Thế giới Ảrập cũng không đồng tình với đề xuất này.", [("Thế giới Ảrập", "không đồng tình", "oppose")]),
        # A noun of a person, a description in lower case, then a full name: the name.
        (
            "Thí sinh Đinh Thị Là, tỉnh Hưng Yên, cho biết: “Em mới biết sáng nay.”",
            [("Đinh Thị Là", "cho biết", "inform")],
        ),
        (
            "Uỷ viên phụ trách an ninh và đối ngoại châu Âu Javier Solana nói rằng ông đã gặp họ.",
            [("Javier Solana", "nói rằng", "inform")],
        ),
        # A lone given name opening the sentence, then a description of a person set off by commas.
        ("Quân, một tay cò nhà đất ở quận 8, cho biết nhiều công ty đo đạc làm giá.", [("Quân", "cho biết", "inform")]),
        ("Hùng, sinh viên năm ba, kể rằng anh đã thức trắng.", [("Hùng", "kể", "inform")]),
        # The agent of a passive that ends the sentence made the act.
        ("Tuy nhiên, đề xuất đó đã bị Bắc Kinh bác bỏ.", [("Bắc Kinh", "bác bỏ", "oppose")]),
        ("Đề xuất của Mỹ đã được Nga đồng ý.", [("Nga", "đồng ý", "agree")]),
        # A stop the sentence splitter took for an abbreviation's ("BS." is "bác sĩ"), then "Theo X,".
        (
            "Mức hỗ trợ thấp nhất là 1,6 triệu đồng/tháng/BS. Theo ông Nguyễn Văn Huy, thu nhập cũng gần 10 triệu.",
            [("Nguyễn Văn Huy", "Theo", "inform")],
        ),
    ],
)
def test_general_forms_of_speech(sentence, expected):
    assert triples(one_sentence(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Bộ phim “Mùa hè”, đạo diễn Trần Anh Hùng thực hiện.",  # a title, then who made it: no speech
        "Đội tuyển “Sao vàng”, thành lập năm ngoái, đã giải thể.",
        "Theo đánh giá của Bộ trưởng, nguyên nhân nào dẫn đến vụ tai nạn này?",  # the reporter asks
        "Theo hướng dẫn từ Bộ Y tế, người dân nên đeo khẩu trang.",  # a rule names no speaker
        "Công ty đã bổ sung vốn cho dự án mới.",  # adding capital is no speech
        "Nhà máy phải bảo đảm an toàn cho công nhân.",  # ensuring safety is no promise
        "LHQ kêu gọi hỗ trợ lâu dài cho các nước bị thiên tai (31/12/2004)",  # a link to another article
        "Có ý kiến của đại biểu được ghi nhận.",  # "ý kiến" is no speaker here: no cue follows it
        "Công ty có người phụ trách riêng cho việc này.",  # "có người" with no cue
        "Kế hoạch bị phản đối.",  # a passive with no agent names no one
        "Lễ, tết, các cơ quan đều được nghỉ.",  # a capitalised first word before a list is no name
        "Thành viên đội tuyển Việt Nam đã về nước.",  # a person's noun and a country, and no cue
        "Ngân hàng Thế giới đã giải ngân khoản vay.",  # "Thế giới" inside a body's name, and no cue
    ],
)
def test_general_forms_that_are_not_speech(sentence):
    assert one_sentence(sentence).empty


# --------------------------------------------------------------------------- fifth round (heldout4's misses)


@pytest.mark.parametrize(
    "body, expected",
    [
        # What was said, a spaced dash, then the speaker and a cue that ends the sentence.
        (
            "Giá vé sẽ không tăng trong năm nay – Giám đốc Sở Giao thông Trần Văn Hải cho biết.",
            [(1, "Trần Văn Hải", "cho biết", "inform")],
        ),
        (
            "Mọi thủ tục đã xong, chưa có sai sót nào – ông Lê Minh Tâm nhận định.",
            [(1, "Lê Minh Tâm", "nhận định", "assert")],
        ),
        # A quotation opened in the sentence before closes here: its verbs are no statements of their own.
        (
            "“Chúng tôi đã sẵn sàng. Ngày mai chúng tôi sẽ thông báo kết quả, yêu cầu các đội nộp hồ sơ”, "
            "bà Nguyễn Thị Hoa cho biết.",
            [(2, "Nguyễn Thị Hoa", "cho biết", "inform")],
        ),
        # "<noun> tên là <Name>": the name.
        (
            "Một người bán hàng tên là Ahmed Qasim nói rằng giá bánh mì đã tăng gấp đôi.",
            [(1, "Ahmed Qasim", "nói rằng", "inform")],
        ),
        # A Burmese honorific ("U") dropped as a title is, also for a name longer than the usual window.
        (
            "Bộ trưởng Thông tin Myanmar U Kyaw Hsan bác bỏ những cáo buộc của phương Tây.",
            [(1, "Kyaw Hsan", "bác bỏ", "oppose")],
        ),
        (
            "Hôm qua, Thứ trưởng Ngoại giao Myanmar U Khin Maung Win đã tiếp đại sứ và bác bỏ tin đồn về vụ việc.",
            [(1, "Khin Maung Win", "bác bỏ", "oppose")],
        ),
        # A cue inside a description of the speaker ("người đưa ra đề nghị") is no statement of its own.
        ("Ông Carlos Ruiz, người đưa ra đề nghị, nói rằng thuế sẽ giảm.", [(1, "Carlos Ruiz", "nói rằng", "inform")]),
        # "Theo <something said> của X": X whatever it is, up to a preposition.
        (
            "Theo phản ánh của các điểm thi, nhiều thí sinh phải sửa lại giấy báo thi.",
            [(1, "Các điểm thi", "Theo", "inform")],
        ),
        (
            "Bên cạnh đó, theo kiến nghị của không ít giáo viên, cần lưu ý đến yếu tố vùng miền.",
            [(1, "Không ít giáo viên", "theo", "inform")],
        ),
        (
            "Theo lời khai của Mận trước cơ quan điều tra, Mận đã bán chiếc xe.",
            [(1, "Mận", "Theo", "inform")],
        ),
        # "Theo <title>, <title> <Name>, ...": the titles run on to the name.
        (
            "Theo Thứ trưởng Bộ Ngoại giao, Chủ tịch SOM APEC Lê Công Phụng, hội nghị đã thành công.",
            [(1, "Lê Công Phụng", "Theo", "inform")],
        ),
        # "Theo X, <title ...> <cue>": one statement, the cue's, by X.
        (
            "Còn theo cô giáo Đặng Minh Hằng, Hiệu trưởng Trường Tiểu học Hòa Bình (quận Hồng Bàng) cho rằng, "
            "giáo viên phải dạy quá nhiều môn.",
            [(1, "Đặng Minh Hằng", "cho rằng", "assert")],
        ),
        # Propose-class cues after a document: its sender, also inside what someone else said; a demand relayed
        # ("truyền đạt ý kiến của X") is X's.
        (
            "Ông Lê Văn Ba cho biết Sở Tài chính vừa có văn bản gửi các huyện đề nghị rà soát lại dự án.",
            [(1, "Lê Văn Ba", "cho biết", "inform"), (1, "Sở Tài chính", "đề nghị", "propose")],
        ),
        (
            "Văn phòng Chính phủ đã có công văn truyền đạt ý kiến của Phó Thủ tướng Trần Văn Hùng yêu cầu các bộ "
            "báo cáo.",
            [(1, "Trần Văn Hùng", "yêu cầu", "propose")],
        ),
        (
            "Các bộ trưởng EU đã ra thông cáo kêu gọi hai bên ngừng bắn.",
            [(1, "Các bộ trưởng EU", "kêu gọi", "propose")],
        ),
        # A name before descriptions set off by commas: not a name inside "của ..." (whose brother), a full name
        # after words in lower case opening the sentence, a description opening with "nhân viên".
        (
            "Anh Trần Văn Nam, anh trai của thí sinh Trần Văn Bình, tâm sự: “Em tôi học khá.”",
            [(1, "Trần Văn Nam", "tâm sự", "inform")],
        ),
        (
            "Khuôn mặt rạng rỡ Nguyễn Thị Vân, thí sinh trường Đại học Y, cho biết: “Đề thi không khó.”",
            [(1, "Nguyễn Thị Vân", "cho biết", "inform")],
        ),
        (
            "Chị Đỗ Thị Thêu, nhân viên đội thú y, cho rằng hiện chưa có gì đáng lo ngại.",
            [(1, "Đỗ Thị Thêu", "cho rằng", "assert")],
        ),
        (
            "Theo ông Văn Đình Ưng, thành viên Ban chỉ đạo tuyển sinh, năm nay thí sinh đông hơn.",
            [(1, "Văn Đình Ưng", "Theo", "inform")],
        ),
        # "Ông" opening a sentence: the named man who opened the sentence before, not the last man named in it.
        (
            "Tổng thống George Bush cũng ca ngợi ông Colin Powell. Ông cho biết Powell chỉ muốn làm một nhiệm kỳ.",
            [(2, "George Bush", "cho biết", "inform")],
        ),
        (
            "Bà Nguyễn Thị Lan đã tiếp ông Trần Văn Hùng tại trụ sở. Ông cho biết tỉnh sẽ mở thêm trường.",
            [(2, "Trần Văn Hùng", "cho biết", "inform")],
        ),
        # People, then where they live or are ("ở", "tại"): the people.
        (
            "Một số hộ dân sinh sống tại đây cho biết các lán trọ chỉ cao hơn 2m.",
            [(1, "Một số hộ dân", "cho biết", "inform")],
        ),
        ("Dân ở đây cho hay họ thức trắng cả đêm.", [(1, "Dân", "cho hay", "inform")]),
        (
            "Hai nhân viên y tế trực ở đây cho biết loại vắc xin này đã hết.",
            [(1, "Hai nhân viên y tế trực", "cho biết", "inform")],
        ),
        # A fronted "Đồng tình với ..." (agrees with) is the act of the subject after it, besides its own cue.
        (
            "Đồng tình với quan điểm này, Chủ nhiệm Ủy ban Pháp luật Vũ Đức Khiển cho rằng, pháp lệnh cần nâng "
            "thành luật.",
            [(1, "Vũ Đức Khiển", "cho rằng", "assert"), (1, "Vũ Đức Khiển", "Đồng tình", "agree")],
        ),
    ],
)
def test_fifth_round_patterns(body, expected):
    assert quads(extract(body)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Chiếc xe nói trên đã bị tạm giữ.",  # "nói trên": the said car
        "Sau bữa tối, cả nhà ngồi nói chuyện với nhau đến khuya.",  # talking together is no statement
        "Bà đánh giá thế nào về chất lượng giáo dục hiện nay?",  # the reporter's question
        "Các bài tham luận lần lượt được trình bày như: “Đô thị xanh” của ông Trần Văn Nam.",  # a list
        "Trận đấu kết thúc với tỷ số 2-1 – một kết quả bất ngờ.",  # a dash, and no cue
        "Hội nghị đã thông qua 7 ưu tiên do Việt Nam đề xuất.",  # what Việt Nam once proposed: a noun phrase
        "Theo quan sát của tôi, lượng xe qua đường không lớn.",  # the reporter looking
        "Theo quy định của các trường, thí sinh phải có mặt sớm.",  # a rule names no speaker
        "Tỉnh chỉ đạo thành lập các đội xung kích.",  # a bare "Tỉnh" with no province named before it
        "Dân tham gia đánh giá chất lượng đảng viên mỗi năm một lần.",  # "Dân" alone is no speaker
        "Dân số ở đây cho thấy tăng nhanh.",
        "Đề xuất này nhận được sự đồng tình của nhiều đại biểu.",  # agreement as a noun
    ],
)
def test_fifth_round_non_statements(sentence):
    assert one_sentence(sentence).empty


# --------------------------------------------------------------------------- spellings and abbreviations of VNTC
# News of 2005-2007 writes "Ukraina", "Ixraen", "Ảrập Xêút", "Liên Hiệp Quốc", abbreviates "Tổng thống" to "TT",
# and writes Korean given names with a hyphen ("Roh Moo-hyun"). The names below are made up, so that the actor's
# country comes from its phrase, not the register.


@pytest.mark.parametrize(
    "sentence, actor, country, kind",
    [
        (
            "Thủ tướng Ukraina Petro Kovalenko cho biết chính phủ sẽ không từ chức.",
            "Petro Kovalenko",
            "Ukraina",
            "person",
        ),
        ("Tổng thống Ucraina Petro Kovalenko cho biết ông sẽ tới Moscow.", "Petro Kovalenko", "Ucraina", "person"),
        ("Ukraina tuyên bố sẽ không trả thêm tiền khí đốt.", "Ukraina", "Ukraina", "country"),
        ("Kiev cho rằng giá khí đốt mà Matxcơva đưa ra quá cao.", "Kiev", "Kiev", "country"),
        ("Ngoại trưởng Ixraen Avi Levy khẳng định Ixraen sẽ rút khỏi Gaza.", "Avi Levy", "Ixraen", "person"),
        (
            "Bộ trưởng Ngoại giao Ảrập Xêút Khalid al-Saud cho biết nước này ủng hộ kế hoạch.",
            "Khalid al-Saud",
            "Ảrập Xêút",
            "person",
        ),
        ("Tổng thống Rumani Ion Popescu cho biết nước này sẽ gia nhập EU.", "Ion Popescu", "Rumani", "person"),
        # a country spelled with a hyphen, the hyphen a token of its own (once a KeyError that stopped `figures`)
        (
            "Thủ tướng Li-băng F.Karami đã yêu cầu Syria chứng tỏ chấp nhận sự độc lập của Li-băng.",
            "F.Karami",
            "Li-băng",
            "person",
        ),
        ("Li-băng tuyên bố sẽ không rút quân khỏi biên giới.", "Li-băng", "Li-băng", "country"),
        ("Tổng thống Liên Xô Ivan Petrov nói rằng cải tổ là cần thiết.", "Ivan Petrov", "Liên Xô", "person"),
        # "TT" is "Tổng thống", "TNS" "Thượng nghị sĩ", "ĐB" "đại biểu", "GĐ" "Giám đốc": titles, not names
        ("TT Venezuela Carlos Mendez tuyên bố sẽ quốc hữu hóa các mỏ dầu.", "Carlos Mendez", "Venezuela", "person"),
        ("TNS Mỹ John Smith cho rằng cần tăng quân tới Iraq.", "John Smith", "Mỹ", "person"),
        ("ĐB Nguyễn Văn Ba đề nghị Chính phủ làm rõ trách nhiệm.", "Nguyễn Văn Ba", "unknown", "person"),
        ("GĐ Trần Văn Bốn cho biết bệnh viện sẽ tuyển thêm bác sĩ.", "Trần Văn Bốn", "unknown", "person"),
        # "Liên Hiệp Quốc" is the United Nations as "Liên hợp quốc" is
        (
            "Tổng thư ký Liên Hiệp Quốc Peter Olsen kêu gọi các bên kiềm chế.",
            "Peter Olsen",
            "Liên Hiệp Quốc",
            "person",
        ),
        ("Liên hiệp quốc cho biết sẽ gửi thêm lương thực tới Darfur.", "Liên hiệp quốc", "Liên Hiệp Quốc", "body"),
        # a Korean given name: its lower-case part after the hyphen is the name's, the family name no body's "Ban"
        (
            "Thủ tướng Hàn Quốc Han Myeong-sook cho biết Seoul sẽ tiếp tục viện trợ.",
            "Han Myeong-sook",
            "Hàn Quốc",
            "person",
        ),
        ("Ông Lee Hae-chan cho biết Seoul sẽ tiếp tục viện trợ.", "Lee Hae-chan", "unknown", "person"),
        ("Park Geun-hye khẳng định đảng của bà sẽ thắng cử.", "Park Geun-hye", "unknown", "person"),
        ("Ông Ban Ki-moon khẳng định Seoul ủng hộ đàm phán sáu bên.", "Ban Ki-moon", "Liên hợp quốc", "person"),
        ("Ban Ki-moon khẳng định Seoul ủng hộ đàm phán sáu bên.", "Ban Ki-moon", "Liên hợp quốc", "person"),
        (
            "Ngoại trưởng Hàn Quốc Ban Ki-moon khẳng định Seoul ủng hộ đàm phán.",
            "Ban Ki-moon",
            "Liên hợp quốc",
            "person",
        ),
        # a spaced dash still sets off a description
        ("Ông John Smith - trong cuộc họp báo hôm qua - cho biết Mỹ sẽ rút quân.", "John Smith", "unknown", "person"),
    ],
)
def test_vntc_spellings_titles_and_hyphenated_names(sentence, actor, country, kind):
    found = one_sentence(sentence)
    assert list(zip(found["actor"], found["actor_country"], found["actor_type"])) == [(actor, country, kind)]


def test_hyphenated_name_after_a_title_resolves_a_bare_title():
    # "Tổng thống" alone later is the person named with it, whole: "Roh Moo-hyun", not "Roh Moo"
    body = (
        "Tổng thống Hàn Quốc Roh Moo-hyun đã tới Hà Nội hôm qua.\n"
        "Tổng thống cho biết Seoul sẽ tiếp tục đầu tư vào Việt Nam."
    )
    assert triples(extract(body)) == [("Roh Moo-hyun", "cho biết", "inform")]


# --------------------------------------------------------------------------- sixth round: mechanisms of all seven files
# A cue inside what someone says, whose own subject opens that content, is that subject's act (the gold
# annotators read "X cho biết Y đồng ý" as two statements); a pronoun there is the speaker, and so is the
# speaker's own country or government. An act to come ("sẽ") and the object of thanks or requests are not.
NESTED_CASES = [
    (
        "Người phát ngôn Nguyễn Văn Hùng cho biết Campuchia đã đồng ý mở thêm hai cửa khẩu.",
        [("Nguyễn Văn Hùng", "cho biết", "inform"), ("Campuchia", "đồng ý", "agree")],
    ),
    (
        "Ông Lâm cho biết ông tin rằng dự án sẽ xong trước tháng 6.",
        [("Lâm", "cho biết", "inform"), ("Lâm", "tin rằng", "assert")],
    ),
    (
        "Bộ trưởng Trần Văn Nam khẳng định, Thái Lan cũng cam kết trả lại số hàng bị giữ.",
        [("Trần Văn Nam", "khẳng định", "assert"), ("Thái Lan", "cam kết", "commit")],
    ),
    (
        "Thủ tướng Phan Văn Khải khẳng định Việt Nam cam kết thực hiện đầy đủ các điều khoản của hiệp định.",
        [("Phan Văn Khải", "khẳng định", "assert"), ("Phan Văn Khải", "cam kết", "commit")],
    ),
    (
        "Phó Thủ tướng Phạm Gia Khiêm khẳng định, Chính phủ Việt Nam luôn cam kết thực hiện hiệp định.",
        [("Phạm Gia Khiêm", "khẳng định", "assert"), ("Phạm Gia Khiêm", "cam kết", "commit")],
    ),
    # not statements of their own
    ("Ông Hải cho biết công ty sẽ thông báo kết quả vào tuần sau.", [("Hải", "cho biết", "inform")]),
    (
        "Ông Minh cảm ơn những người hàng xóm đã đồng ý cho mượn đất.",
        [("Minh", "cảm ơn", "thank")],
    ),
]


@pytest.mark.parametrize("sentence, expected", NESTED_CASES)
def test_an_act_reported_inside_a_statement(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


def test_a_degree_adverb_is_not_part_of_the_subject():
    # "Nhà Trắng vô cùng lo ngại": the White House is worried, "vô cùng" (extremely) is no part of its name
    found = one_sentence("Người phát ngôn Bộ Ngoại giao Mỹ tuyên bố Nhà Trắng vô cùng lo ngại về cuộc bầu cử.")
    assert ("Nhà Trắng", "lo ngại", "concern") in triples(found)


# A clause of reason or effect ("vì", "khiến") has a subject of its own: the speaker when it names one, nothing
# when it only refers to someone ("vì bà cho rằng", "vì nước này ...": not resolved with any confidence).
REASON_CASES = [
    (
        "Dự luật bị rút lại vì các nghị sĩ Mỹ cho rằng nó vi phạm hiến pháp.",
        [("Các nghị sĩ Mỹ", "cho rằng", "assert")],
    ),
    (
        "Vụ việc khiến nhiều phụ huynh lo ngại về an toàn của con em mình.",
        [("Nhiều phụ huynh", "lo ngại", "concern")],
    ),
    # not statements
    ("Một người đàn ông bị vợ bỏ vì bà cho rằng ông quá lười biếng.", []),
    ("Chính vì những nguyên nhân nêu trên mà giá xăng dầu tăng mạnh.", []),
    ("Anh ấy rất buồn vì đã nói chia tay với người yêu cũ.", []),
]


@pytest.mark.parametrize("sentence, expected", REASON_CASES)
def test_the_subject_of_a_reason_or_effect_clause(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


def test_this_country_is_a_country_not_a_person():
    # "nước này" (this country) refers to the last country that spoke, never to a person
    body = (
        "Ông Mohamed ElBaradei cho biết IAEA sẽ tiếp tục thanh sát.\n"
        "Nga tuyên bố sẽ hợp tác với IAEA.\n"
        "Nước này cũng kêu gọi các bên kiềm chế."
    )
    assert ("Nga", "kêu gọi", "propose") in triples(extract(body))


# A name cut short to its initial and a full stop ("Q.", "T.") is a person, as papers write those they
# protect; a letter and a full stop run into a number or a word ("P.13", "Q.Tân Bình") is a ward or district.
INITIAL_CASES = [
    ("Q. cho biết anh đã bỏ nghề từ năm ngoái.", [("Q.", "cho biết", "inform")]),
    ("T. tuyên bố: “Không ai trong nhóm được bỏ về giữa chừng”.", [("T.", "tuyên bố", "inform")]),
    ("Theo lời H., nhóm của anh có tất cả sáu người.", [("H.", "Theo", "inform")]),
    (
        "Ông Lưu Văn Tuấn, ngụ P.13, Q.Tân Bình, cho biết giá đất đã tăng gấp đôi.",
        [("Lưu Văn Tuấn", "cho biết", "inform")],
    ),
    # "bảo mật" (security) holds no "bảo" (tell)
    (
        "Nhiều chuyên gia bảo mật cho rằng lỗ hổng này là rất nhỏ.",
        [("Nhiều chuyên gia bảo mật", "cho rằng", "assert")],
    ),
]


@pytest.mark.parametrize("sentence, expected", INITIAL_CASES)
def test_a_name_cut_to_its_initial(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# Speech not in quotes, a comma, its speaker and a verb of writing or recalling that ends the sentence is
# reported as after a quotation ("..., Telegraph viết."); a short adverbial before the comma says nothing.
UNQUOTED_CLOSER_CASES = [
    (
        "Không ai ngờ rằng đảng cầm quyền lại thua đậm đến như vậy, tờ Bangkok Post viết.",
        [("Tờ Bangkok Post", "viết", "inform")],
    ),
    (
        "Lửa bốc lên từ tầng hai rồi lan rất nhanh sang các cửa hàng bên cạnh, anh Trần Văn Khoa kể lại.",
        [("Trần Văn Khoa", "kể", "inform")],  # "lại" (again, back) after the cue is no content
    ),
    # not statements
    ("Hằng ngày sau giờ làm việc, bà vẫn viết.", []),
    ("Hội đồng sẽ rà soát, hoàn chỉnh văn bản, trước khi công bố.", []),
]


@pytest.mark.parametrize("sentence, expected", UNQUOTED_CLOSER_CASES)
def test_unquoted_speech_closed_by_its_speaker(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


# A headline that opens with a cue and names no subject sums up what the article reports: its actor is the
# one of the first statement of the same class in the five sentences after it; with none, it has no row.
def test_headline_without_subject_takes_the_actor_of_the_lead():
    body = "Tổ công tác liên ngành đã đề xuất Chính phủ tăng giá điện bình quân thêm 8,8% từ đầu năm 2006."
    found = StanceExtractor().extract([make_doc(body, head="Đề nghị tăng 8,8% giá điện trong năm nay")])
    assert quads(found) == [
        (0, "Tổ công tác liên ngành", "Đề nghị", "propose"),
        (1, "Tổ công tác liên ngành", "đề xuất", "propose"),
    ]


def test_headline_without_subject_and_no_such_statement_has_no_row():
    body = "Giá điện bình quân hiện là 760 đồng một KWh.\nÔng Trần Văn Nam cho biết giá than cũng sẽ tăng."
    found = StanceExtractor().extract([make_doc(body, head="Đề nghị tăng 8,8% giá điện trong năm nay")])
    assert quads(found) == [(2, "Trần Văn Nam", "cho biết", "inform")]


def test_the_sender_of_a_document_not_its_last_addressee():
    # "gửi công hàm tới A, B, thị trưởng Matxcơva yêu cầu ...": the ambassador demands, not the mayor
    sentence = (
        "Đại sứ Nguyễn Văn Ngạnh đã gửi công hàm tới các bộ trưởng Ngoại giao, Nội vụ, thị trưởng Matxcơva "
        "yêu cầu phía Nga bảo đảm an toàn cho sinh viên."
    )
    assert triples(one_sentence(sentence)) == [("Nguyễn Văn Ngạnh", "yêu cầu", "propose")]


# A time with no comma before the subject ("Hôm qua ông ...", "Ngày 17-3 Bộ Y tế ...") is no part of it; a cue
# after "một", "các", "những" is a noun ("sẽ có một thông báo", "những bình luận"), not an act.
TIME_AND_NOUN_CASES = [
    ("Ngày 17-3 Bộ Y tế cho biết đã có 65 người nghi nhiễm cúm gia cầm.", [("Bộ Y tế", "cho biết", "inform")]),
    (
        "Sáng nay Thủ tướng Phan Văn Khải nhấn mạnh cần giữ ổn định giá cả.",
        [("Phan Văn Khải", "nhấn mạnh", "emphasize")],
    ),
    # not statements
    ("Chiều nay Thủ tướng Junichiro Koizumi sẽ có một thông báo về sự kiện này.", []),
    ("Ông này đã để lại những bình luận cay nghiệt về đối tác cũ.", []),
]


@pytest.mark.parametrize("sentence, expected", TIME_AND_NOUN_CASES)
def test_a_time_before_the_subject_and_a_cue_as_a_noun(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


def test_a_pronoun_after_a_time_is_resolved():
    body = (
        "Ông Mohamed ElBaradei đến Tehran hôm thứ hai.\n"
        "Hôm qua ông đã thúc giục nhà chức trách Iran ngưng làm giàu uranium."
    )
    assert triples(extract(body)) == [("Mohamed ElBaradei", "thúc giục", "propose")]


def test_a_time_before_a_comma_is_read_apart():
    # "Ngày 5-2-2005, Công ty ...": the comma ends the time; "Công ty" alone is read as before, not as a
    # reference to "Tổng Công ty ..." through the time
    body = (
        "Ông Nguyễn Trần Nam là Tổng Giám đốc Tổng Công ty Thủy tinh.\n"
        "Ngày 5-2-2005, Công ty đã có bản quyết toán kinh phí gần 457 triệu đồng, nêu rõ 10 khoản chi."
    )
    assert triples(extract(body)) == []


def test_a_predicate_after_words_of_a_quotation_has_no_subject_there():
    # the sentence opens inside a quotation begun before: its first words are what was said, not a subject
    body = (
        "“Lúc đó mỗi bài hát được trả 100 USD, tại sao không làm chứ?” - Katie nhớ lại - “Katie có năng khiếu lắm.\n"
        "Katie rất hồn nhiên trước ống kính” - đạo diễn Charlie Nguyễn, người quay phim cho Katie hơn 10 năm trước, "
        "kể lại."
    )
    assert ("Katie", "kể", "inform") not in triples(extract(body))


# The eighth round, read in the misses of heldout9 and heldout10 (made-up sentences): manner adverbs before the cue,
# verbs of speech read there, collectives opening with "hầu hết", "đa số" or a title; and what stays no statement:
# a plan after "theo" however long its name, a word said ("lời hứa"), a reprimand ("cảnh cáo" as a penalty), the
# "phán" of "đàm phán".
EIGHTH_ROUND_CASES = [
    ("Nhật Bản kịch liệt phản đối vụ phóng tên lửa.", [("Nhật Bản", "phản đối", "oppose")]),
    (
        "Washington không chỉ quan ngại về chương trình tên lửa mà còn về việc bán vũ khí.",
        [("Washington", "quan ngại", "concern")],
    ),
    ("Ông Lê Văn Tám đã thật thà cho biết từng nhận tiền của doanh nghiệp.", [("Lê Văn Tám", "cho biết", "inform")]),
    (
        "Tạp chí Der Spiegel lần đầu tiên tiết lộ rằng các nhà báo đã bị theo dõi.",
        [("Tạp chí Der Spiegel", "tiết lộ", "inform")],
    ),
    ("Hãng Reuters tiên đoán rằng giá dầu sẽ tăng trong quý tới.", [("Hãng Reuters", "tiên đoán", "assert")]),
    ("Tổ chức Hamas lên tiếng phản bác thông tin về vụ bắt cóc.", [("Tổ chức Hamas", "phản bác", "oppose")]),
    ("Thủ tướng Ehud Olmert buộc tội Syria hậu thuẫn các tay súng.", [("Ehud Olmert", "buộc tội", "oppose")]),
    ("Sở Tài chính thống kê: 12 đơn vị chưa nộp báo cáo quyết toán.", [("Sở Tài chính", "thống kê", "inform")]),
    ("Các cố vấn cho biết chuyến đi bị hoãn vì thời tiết.", [("Các cố vấn", "cho biết", "inform")]),
    ("Hầu hết mọi người đều cho rằng giá xăng còn tăng.", [("Hầu hết mọi người", "cho rằng", "assert")]),
    ("Đa số các ĐB tán thành việc sửa đổi luật.", [("Đa số các ĐB", "tán thành", "agree")]),
    (
        "Các nhà đàm phán 6 bên nhất trí rằng vòng sau sẽ họp tại Bắc Kinh.",
        [("Các nhà đàm phán 6 bên", "nhất trí", "agree")],
    ),
    (
        "Ông Trần Văn Tư hy vọng rằng con đường sẽ sớm được sửa.",
        [("Trần Văn Tư", "hy vọng", "assert")],
    ),  # a view (fifteenth round)
    ("Ông Trần Văn Tư cảnh cáo rằng sẽ kiện nếu công ty không bồi thường.", [("Trần Văn Tư", "cảnh cáo", "concern")]),
    ("Bộ trưởng Lê Văn Ba gửi lời cảm ơn tới các tình nguyện viên.", [("Lê Văn Ba", "cảm ơn", "thank")]),
    ("Nhiều ý kiến cho rằng cần tăng lương tối thiểu.", [("Nhiều ý kiến", "cho rằng", "assert")]),
    # not statements
    ("Các ý kiến phản đối tập trung vào giám đốc sở.", []),
    ("Ông Lê Văn Ba nói đến cộng đồng người Việt ở Adelaide.", []),
    ("Đài BBC đã đăng các câu hỏi và trả lời liên quan tới vấn đề này.", []),
    ("Theo phương án của Bộ Giáo dục, từ năm sau trường sẽ tự chủ ngân sách.", []),
    ("Quốc hội cũng xem xét, đánh giá 6 vấn đề được dư luận quan tâm.", []),
    ("Trung tâm Phân tích đã nghiên cứu và đánh giá mức độ ô nhiễm tại các trục đường chính.", []),
    ("Năm 1992, theo kế hoạch hoà bình của Liên Hợp Quốc, ông Sok trở về nước.", []),
    ("Chính quyền đã giữ đúng lời hứa với cử tri.", []),
    ("Sở Giao thông đã khiển trách hai giám đốc, cảnh cáo một trưởng trạm kiểm định.", []),
    ("Chính phủ kỷ luật cảnh cáo ông Lê Văn Ba.", []),
    ("Các nhà đàm phán đã rời khỏi phòng họp lúc nửa đêm.", []),
    ("Ông Lê Văn Ba mang theo niềm hy vọng của cả làng.", []),
]


@pytest.mark.parametrize("reference", ["Báo trên", "Các bài báo", "Tờ báo này"])
def test_a_reference_to_a_paper_is_the_paper_last_named(reference):
    body = (
        "Tờ Nhân Dân Nhật Báo ngày 3-5 đưa tin hai tàu cá bị mất tích ngoài khơi.\n"
        f"{reference} cho biết các tàu rời cảng hôm 1-5 và mất liên lạc một ngày sau."
    )
    assert triples(extract(body)) == [
        ("Tờ Nhân Dân Nhật Báo", "cho biết", "inform"),
        ("Tờ Nhân Dân Nhật Báo", "đưa tin", "inform"),
    ]


def test_a_headline_title_with_its_country_is_the_person_the_body_names_with_the_title():
    body = (
        "Trong bài phát biểu hôm qua, ông Chirac nói đối thoại là cần thiết.\n"
        "Tổng thống Jacques Chirac, sẽ mãn nhiệm vào tháng 5 tới, cũng kêu gọi các đảng gạt bỏ khác biệt."
    )
    found = StanceExtractor().extract([make_doc(body, head="Tổng thống Pháp kêu gọi giảm căng thẳng sau bầu cử")])
    assert (0, "Jacques Chirac", "kêu gọi", "propose") in quads(found)


def test_a_country_is_no_antecedent_of_a_pronoun():
    # "Thái Lan" reads as a Vietnamese name (family name Thái); "Ông" is a person named before it or no one
    body = (
        "Ông Nguyễn Văn Sáu từng bị giam ở một trại gần biên giới Thái Lan.\nÔng cho biết hơn 200 bạn tù đã mất tích."
    )
    assert triples(extract(body)) == [("Nguyễn Văn Sáu", "cho biết", "inform")]


def test_a_police_chief_is_a_person_whom_the_next_ong_refers_to():
    # "Cảnh sát trưởng" is a title, not the police ("cảnh sát") and a name: the man who spoke last is "Ông"
    body = (
        "Trong vụ nổ, thị trưởng Pedro Santos bị thương nhẹ.\n"
        "Đúng lúc đó ông Santos vừa đọc xong bài diễn văn.\n"
        "Cảnh sát trưởng Ramon Diaz tuyên bố đã phong toả khu vực. Ông nhận xét: “Vụ này mang màu sắc chính trị”."
    )
    assert triples(extract(body)) == [("Ramon Diaz", "nhận xét", "assert"), ("Ramon Diaz", "tuyên bố", "inform")]


# The ninth round, read in the misses of heldout11: a television channel is a medium, "tuy nhiên theo X" a source
# mid-sentence; "nói riêng" (in particular) says nothing, as "nói chung".
NINTH_ROUND_CASES = [
    ("Theo kênh truyền hình Al Arabiya, hai người đã thiệt mạng.", [("Kênh truyền hình Al Arabiya", "Theo", "inform")]),
    (
        "Tỉnh đã hỗ trợ 200 triệu đồng, tuy nhiên theo đánh giá của các ngành chức năng, hạn hán sẽ còn kéo dài.",
        [("Các ngành chức năng", "theo", "inform")],
    ),
    ("Người dân ở An Giang nói riêng và cả nước nói chung đều quan tâm tới lễ hội.", []),
]


# The tenth round, read in the misses of heldout12: "phụ trách" (in charge of) and "trách nhiệm" hold no "trách"
# (reproaches); "Có người" (someone) speaks as a collective; a cue after "về" is what is talked about.
TENTH_ROUND_CASES = [
    (
        "Một cán bộ phụ trách cây xăng cho biết giá dầu sẽ tăng.",
        [("Một cán bộ phụ trách cây xăng", "cho biết", "inform")],
    ),
    ("Có người còn cho rằng tháp được nung sau khi xây.", [("Có người", "cho rằng", "assert")]),
    # what the rules of these rounds must leave as it was (read in a review of them)
    ("Ông Nguyễn Văn Nam nói riêng với phóng viên: “Dự án sẽ bị hoãn”.", [("Nguyễn Văn Nam", "nói", "inform")]),
    ("Bà Lê Thị Lan bày tỏ lời cảm ơn tới các nhà hảo tâm.", [("Lê Thị Lan", "cảm ơn", "thank")]),
    ("Ông Nguyễn Văn An đánh giá 2008 là năm khó khăn nhất của ngành.", [("Nguyễn Văn An", "đánh giá", "assert")]),
    ("Chỉ huy căn cứ cho biết hai binh sĩ bị thương.", [("Chỉ huy căn cứ", "cho biết", "inform")]),
    ("Rau được trồng tự nhiên theo kinh nghiệm của người dân, không dùng phân bón.", []),
    # not statements
    ("Ông Lê Văn Ba phải chịu trách nhiệm về vụ việc.", []),
    ("Nhà phân tích Andrei Ivanov nói về đề nghị tăng phí của Nga.", []),
]

ELEVENTH_ROUND_CASES = [
    # a short capitalised run after an institution's noun is its name, not a person's
    (
        "Giám đốc bệnh viện Bạch Mai cho biết bệnh nhân đã qua cơn nguy kịch.",
        [("Giám đốc bệnh viện Bạch Mai", "cho biết", "inform")],
    ),
    (
        "Bác sĩ Michael Zimpfer, Giám đốc bệnh viện tư Rudolfinerhaus (Vienna), hôm qua cho biết chất độc là dioxin.",
        [("Michael Zimpfer", "cho biết", "inform")],
    ),
    (
        "Chủ tịch công ty Kunitoshi Shigiyama thừa nhận chi phí ở Nhật quá cao.",
        [("Kunitoshi Shigiyama", "thừa nhận", "assert")],
    ),
    ("Tổng thư ký Liên hợp quốc Kofi Annan nói rằng ông rất thất vọng.", [("Kofi Annan", "nói rằng", "inform")]),
    # "cuối tuần trước" is a time, not part of the actor
    (
        "Một tờ báo của Anh cuối tuần trước đã loan tin Gadd hối lộ quản giáo.",
        [("Một tờ báo của Anh", "loan tin", "inform")],
    ),
    (
        "Đài BBC dẫn nguồn tin từ Bộ Quốc phòng Anh bác bỏ thông tin trên.",
        [("Đài BBC", "dẫn nguồn", "inform"), ("Bộ Quốc phòng Anh", "bác bỏ", "oppose")],
    ),
    (
        "Các tác giả kết luận: “Bất bình đẳng lớn dẫn đến cảm nhận về bất công”.",
        [("Các tác giả", "kết luận", "assert")],
    ),
    # not statements
    ("Bộ trưởng Quốc phòng Shaul Mofaz đã ra lệnh tăng cường lực lượng ở Bờ Tây.", []),
    ("Các nhà khoa học phân tích mẫu nước lấy từ sông.", []),
]

THIRTEENTH_ROUND_CASES = [
    # an abbreviation in brackets between a title and the name
    (
        "Tổng thống (TT) Ukraine Viktor Yushchenko đồng thời kêu gọi các bên đàm phán.",
        [("Viktor Yushchenko", "kêu gọi", "propose")],
    ),
    (
        "Tổng Giám đốc Tổ chức Thương mại Thế giới (WTO) Pascal Lamy hôm 2-1 cho rằng hai nước nên thanh toán.",
        [("Pascal Lamy", "cho rằng", "assert")],
    ),
    ("Giám đốc Sở Y tế (TP.HCM) cho biết sẽ kiểm tra các bệnh viện.", [("Giám đốc Sở Y tế", "cho biết", "inform")]),
    # a body's name and its cue set off by commas
    (
        "Hôm nay, Ban Quản lý dự án đường Hồ Chí Minh, cho biết, tảng đá có thể được xử lý.",
        [("Ban Quản lý dự án đường Hồ Chí Minh", "cho biết", "inform")],
    ),
    ("Cô gái có tên Nguyễn Thị Huệ cho biết: Quê tôi ở Việt Yên.", [("Nguyễn Thị Huệ", "cho biết", "inform")]),
    # what must stay as it was: a clause before the comma is no body's name
    ("Cơ quan CSĐT vừa gửi công văn, đề nghị Bộ GTVT chủ trì giám định.", [("Cơ quan CSĐT", "đề nghị", "propose")]),
]

FOURTEENTH_ROUND_CASES = [
    # a source named after a comma at the end of the sentence
    ("Đơn từ chức đã được chấp thuận, theo hãng thông tấn Yonhap.", [("Hãng thông tấn Yonhap", "theo", "inform")]),
    ("Giá xăng sẽ còn tăng mạnh, theo ông Nguyễn Văn An.", [("Nguyễn Văn An", "theo", "inform")]),
    ("Họ làm việc tám giờ một ngày, theo Bộ Luật Lao động.", []),  # a law
    ("Hai bên sẽ hợp tác, theo kế hoạch.", []),
    # the country a post is in, between the title and the name
    (
        "Toàn quyền Mỹ tại Iraq Paul Bremer cho biết việc phóng thích là cử chỉ thiện chí.",
        [("Paul Bremer", "cho biết", "inform")],
    ),
    # a cue inside a country's name; asking not to be named
    (
        "Chính phủ Tiểu vương quốc Ả rập thống nhất tuyên bố sẽ thông qua một đạo luật mới.",
        [("Chính phủ Tiểu vương quốc Ả rập thống nhất", "tuyên bố", "inform")],
    ),
    ("Một công nhân đề nghị giấu tên vì sợ bị trừng phạt.", []),
]

FIFTEENTH_ROUND_CASES = [
    # "đồng tình" inside "Hội đồng tình báo" (the intelligence council) is no cue; "đồng tình báo cáo" is one
    (
        "Stuart Cohen, phó chủ tịch Hội đồng tình báo quốc gia Mỹ khẳng định việc tìm kiếm là nhiệm vụ chính.",
        [("Stuart Cohen", "khẳng định", "assert")],
    ),
    ("Bà Nguyễn Thị Lan đồng tình báo cáo của Chính phủ.", [("Nguyễn Thị Lan", "đồng tình", "agree")]),
    # compelled to state; an obligation ("phải") states nothing
    ("Intel buộc phải tuyên bố việc trình làng sản phẩm sẽ bị hoãn.", [("Intel", "tuyên bố", "inform")]),
    ("Các chủ gian hàng phải cam kết bán đúng các sản phẩm đã đăng ký.", []),
    # a hope stated is a view (the annotators: assert 4 times, propose twice); "bày tỏ hy vọng", a wish
    ("Giới doanh nhân hy vọng rằng thủ tục sẽ được rút gọn.", [("Giới doanh nhân", "hy vọng", "assert")]),
    ("Ông Ismail bày tỏ hy vọng hai bên sẽ nhất trí.", [("Ismail", "bày tỏ hy vọng", "propose")]),
    # a verb opening a sentence is no one's name ("Thay mặt", "Nghe nói", "Lo sợ")
    ("Nghe nói tất cả tác phẩm làm bằng cát thiên nhiên, họ không tin.", []),
    ("Lo sợ, không ai dám dùng nước giếng khơi nữa.", []),
    ("Thay mặt gia đình, tôi mong ước chín tháng qua nhanh.", []),
]


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # a title and the country named with no name: the person named with the title before
            "Thủ tướng Tayyip Erdogan tới Brussels tối qua.\n"
            "Thủ tướng Thổ Nhĩ Kỳ nêu rõ sẽ không chấp nhận điều kiện nào.",
            [("Tayyip Erdogan", "nêu rõ", "emphasize")],
        ),
        (  # ... not one named with another country
            "Thủ tướng Nhật Junichiro Koizumi tới London.\nThủ tướng Koizumi gặp các doanh nhân.\n"
            "Thủ tướng Anh nói rằng hai nước sẽ hợp tác.",
            [("Thủ tướng Anh", "nói rằng", "inform")],
        ),
        (  # a description after the name and a comma, a word of it left out
            "Bác sĩ Michael Zimpfer, Giám đốc bệnh viện tư Rudolfinerhaus, đã điều trị cho ông.\n"
            "Giám đốc bệnh viện Rudolfinerhaus khẳng định chất độc là dioxin.",
            [("Michael Zimpfer", "khẳng định", "assert")],
        ),
    ],
)
def test_a_title_with_a_country_or_a_description_is_the_person_named_so_before(body, expected):
    assert triples(extract(body)) == sorted(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # words printed under a heading that names their speaker
            "Các nhà lãnh đạo đã bày tỏ quan điểm về cuộc bầu cử.\nThủ tướng Nhật Junichiro Koizumi\n"
            "Cuộc đua vẫn sát nút. Bất kể ai thắng, tôi cho rằng quan hệ hai nước sẽ không đổi.\n"
            "Leila Shahid  phái viên Palestine ở Paris\nTôi lo ngại tiến trình hoà bình sẽ bị đóng băng.",
            [("Junichiro Koizumi", "cho rằng", "assert"), ("Leila Shahid", "lo ngại", "concern")],
        ),
        (  # an interview: the answer opened with the name, and the answers after it
            "- Ông Nguyễn Thiện Nhân: Tôi cho rằng Đảng phải đổi mới phương thức lãnh đạo.\n"
            "Như vậy phải thay đổi cơ chế bổ nhiệm nhân sự?\n- Tôi khẳng định Đảng cần chuẩn bị thật kỹ.",
            [("Nguyễn Thiện Nhân", "cho rằng", "assert"), ("Nguyễn Thiện Nhân", "khẳng định", "assert")],
        ),
        (  # "chúng tôi" in an answer: the interviewee speaking for their office
            "- Ông Quách Tuấn Ngọc: Tôi cho rằng thủ tục còn rườm rà.\n"
            "- Chúng tôi đề nghị các sở cho thí sinh đăng ký trên mạng.",
            [("Quách Tuấn Ngọc", "cho rằng", "assert"), ("Quách Tuấn Ngọc", "đề nghị", "propose")],
        ),
        # elsewhere "chúng tôi" is left as written
        ("Chúng tôi đề nghị các sở cho thí sinh đăng ký trên mạng.", [("Chúng tôi", "đề nghị", "propose")]),
        # the writer's own "tôi" states nothing: no heading or answer names a speaker
        ("Đi dọc con đường mới, tôi cho rằng giao thông đã khá hơn nhiều.", []),
        # a heading that names two people is no speaker's label
        ("Châu Nhuật Phát và Trương Nghệ Mưu\nTôi cho rằng bộ phim sẽ thành công lớn.", []),
        # nor is a name inside a question opened with a dash
        (
            "- Kết quả nghiên cứu của công ty Ernst Young cho thấy: việc cổ phần hoá rất chậm. Vì sao?\n"
            "- Tôi cho rằng thủ tục còn rườm rà.",
            [],
        ),
    ],
)
def test_a_first_person_answer_is_the_speaker_its_heading_or_answer_names(body, expected):
    assert triples(extract(body)) == sorted(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # "Họ" opening a sentence: the group of people that opened the one before, though it said nothing
            "Các nhà ngoại giao đặt câu hỏi về uy tín của danh sách.\nHọ cũng đề nghị chính phủ lâm thời tới New York.",
            [("Các nhà ngoại giao", "đề nghị", "propose")],
        ),
        (  # not one man ("Có người đàn ông"), and not the words after the group
            "Có người đàn ông đứng trước cửa.\nHọ cho biết đã bắt được con tin.",
            [("Họ", "cho biết", "inform")],
        ),
    ],
)
def test_they_opening_a_sentence_is_the_group_that_opened_the_one_before(body, expected):
    assert triples(extract(body)) == sorted(expected)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Phương Tây cho rằng cuộc bầu cử có gian lận.", [("Phương Tây", "cho rằng", "assert")]),
        (  # the agent of a passive, not its subject
            "Putin thực hiện cải cách chính trị, bước đi bị phương Tây cho là đi ngược lại tiến trình dân chủ.",
            [("Phương Tây", "cho là", "assert")],
        ),
    ],
)
def test_the_west_speaks_as_a_collective(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # "hàng không" (aviation) holds no negation
            "Tuy nhiên, các quan chức hàng không cho biết mọi chuyến bay đều cất cánh đúng giờ.",
            [("Các quan chức hàng không", "cho biết", "inform")],
        ),
        # ... while "không" before a cue still negates it
        ("Các quan chức không cho biết chuyến bay nào bị hoãn.", []),
        (
            "Tây Ban Nha ban đầu cho rằng các nghi phạm thuộc một nhóm chiến binh.",
            [("Tây Ban Nha", "cho rằng", "assert")],
        ),
        (
            "Giáo sĩ Sunni Mohammed Ayash al-Kubaisi cho rằng Mỹ cũng có trách nhiệm.",
            [("Sunni Mohammed Ayash al-Kubaisi", "cho rằng", "assert")],
        ),
        # a court's ruling is a view stated, not "phán" (pronounces) and its object
        ("Tòa án Hiến pháp Ý phán quyết rằng đạo luật này vi hiến.", [("Tòa án Hiến pháp Ý", "phán quyết", "assert")]),
    ],
)
def test_patterns_of_the_twentieth_round(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # "Các tổ chức này": the collective that spoke before under the same noun
            "Các tổ chức nhân quyền đã thúc giục Malaysia bảo vệ người lao động.\n"
            "Các tổ chức này cho rằng người giúp việc thường bị ngược đãi.",
            [("Các tổ chức nhân quyền", "thúc giục", "propose"), ("Các tổ chức nhân quyền", "cho rằng", "assert")],
        ),
        (  # none named so: left as written
            "Bộ Ngoại giao Malaysia thúc giục người lao động đăng ký.\nCác tổ chức này cho rằng luật còn chậm.",
            [("Bộ Ngoại giao Malaysia", "thúc giục", "propose"), ("Các tổ chức này", "cho rằng", "assert")],
        ),
    ],
)
def test_a_plural_reference_is_the_collective_named_with_its_noun(body, expected):
    assert triples(extract(body)) == sorted(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # a bare title: the person it opened a description for
            "Bộ trưởng Giao thông Vận tải Đào Đình Bình chủ trì hội nghị.\n"
            "Bộ trưởng cũng yêu cầu Cục Đường bộ đẩy nhanh công tác cắm biển.",
            [("Đào Đình Bình", "yêu cầu", "propose")],
        ),
        (  # "Nhà lãnh đạo" and a country: its head of government named before
            "Ngày 3/2, Thủ tướng Thái Lan Thaksin Shinawatra tới thăm miền Nam.\n"
            "Nhà lãnh đạo Thái Lan kêu gọi người dân bình tĩnh.",
            [("Thaksin Shinawatra", "kêu gọi", "propose")],
        ),
        (  # ... not one of another country
            "Thủ tướng Nhật Junichiro Koizumi tới Bangkok.\nNhà lãnh đạo Thái Lan kêu gọi người dân bình tĩnh.",
            [("Nhà lãnh đạo Thái Lan", "kêu gọi", "propose")],
        ),
    ],
)
def test_a_bare_title_or_a_countrys_leader_is_the_person_named_so_before(body, expected):
    assert triples(extract(body)) == sorted(expected)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a title also former, new or interim
        ("Cựu chủ tịch ngân hàng Kenneth Lay tuyên bố không phạm tội.", [("Kenneth Lay", "tuyên bố", "inform")]),
        ("Tân tổng thống Traian Basescu khẳng định sẽ đàm phán với EU.", [("Traian Basescu", "khẳng định", "assert")]),
        (
            "Thủ tướng lâm thời Iraq Iyad Allawi thề sẽ tiêu diệt các phần tử nổi dậy.",
            [("Iyad Allawi", "thề", "commit")],
        ),
        # offices and arts before a name
        ('Chuyên viên tư vấn Lý Thị Mai cho biết: "Tình yêu rất mong manh".', [("Lý Thị Mai", "cho biết", "inform")]),
        (
            '"Tôi không chịu nổi bọn motoboy", hoạ sĩ thiết kế đồ hoạ Flavio Kobayashi cho biết.',
            [("Flavio Kobayashi", "cho biết", "inform")],
        ),
        # a general's rank and name open the clause: the description after the comma is not the speaker
        (
            "Tướng Sirichai Thunyasiri, tư lệnh lực lượng an ninh khu vực, cho biết quân đội chỉ dùng 4 xe tải.",
            [("Sirichai Thunyasiri", "cho biết", "inform")],
        ),
        # a university's name in Latin script, after its noun and a modifier, is no person's
        (
            "Ông Mark Balow, chuyên viên văn phòng Đại học tổng hợp East Anglia cho biết, việc làm thêm rất đa dạng.",
            [("Mark Balow", "cho biết", "inform")],
        ),
        # "lời thề" swears nothing
        ("Anh vẫn giữ lời thề với đồng đội.", []),
    ],
)
def test_patterns_of_the_twenty_second_round(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Xí nghiệp Quản lý lưới điện 110 kV cho biết, ông Bảy xây nhà trái phép.",
            [("Xí nghiệp Quản lý lưới điện 110 kV", "cho biết", "inform")],
        ),
        (
            "Thủ tướng Phan Văn Khải cũng đặc biệt nhấn mạnh đến vai trò của báo chí.",
            [("Phan Văn Khải", "nhấn mạnh", "emphasize")],
        ),
        ('"Hoá ra là anh ấy bị giết", công nương Diana nói trong cuốn băng.', [("Diana", "nói", "inform")]),
    ],
)
def test_patterns_of_the_twenty_third_round(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # a capitalised cue after an honorific is a name ("hứa" promises; "Hứa" is a family name)
            "Sau khi ôn lại truyền thống, ông Hứa Ngọc Thuận, Bí thư Quận ủy, khẳng định: Đảng bộ giữ vững an ninh.",
            [("Hứa Ngọc Thuận", "khẳng định", "assert")],
        ),
        (  # a bare name before a description of the person, not a name inside the description
            'Thu Thủy, thí sinh tại điểm thi THPT Trần Phú, tâm sự: "Vừa đọc xong đề là em cắm đầu vào làm."',
            [("Thu Thủy", "tâm sự", "inform")],
        ),
        (
            'Thanh Nga, một thí sinh tại Hội đồng thi Sư phạm Hà Nội, cho biết: "Em vẫn mang tài liệu để ôn."',
            [("Thanh Nga", "cho biết", "inform")],
        ),
        (  # "Song" (but) opening the clause is no name
            "Song, nhóm nghiên cứu khi tái phân tích công trình của mình, lại cho rằng hiệu ứng đó là không đáng kể.",
            [],
        ),
        (  # a "tại" inside the name is no preposition
            "Giải thích việc này, bà Lê Thị Tại, Trưởng Phòng GD-ĐT quận Gò Vấp, trả lời: “Chúng tôi chưa thu phí”.",
            [("Lê Thị Tại", "trả lời", "inform")],
        ),
        # a yes-no question asks, it states nothing
        ("Phóng viên: Ngài Chủ tịch có cho rằng mục đích ấy sẽ được thực hiện hoàn toàn?", []),
        ("Hoàng hậu Sirikit hối thúc người dân hãy giúp chính phủ.", [("Sirikit", "hối thúc", "propose")]),
        # "lá thư viết tay" (handwritten), "vì mong muốn" (out of a wish) report nothing
        ("Em M.L., học sinh lớp 4C Trường Tiểu học Khánh Hội B, để lại lá thư viết tay có nội dung: “Em xin lỗi”.", []),
        ("Ông Thaksin nói ông từ chức chỉ vì mong muốn hòa hợp dân tộc.", [("Thaksin", "nói", "inform")]),
        (  # manner between subject and cue
            "Luật sư của các công ty hóa chất Mỹ đã hai lần đề nghị tòa bác đơn kiện của phía Việt Nam.",
            [("Luật sư của các công ty hóa chất Mỹ", "đề nghị", "propose")],
        ),
        ("Ông Thaksin đột ngột tuyên bố từ chức vào hôm qua.", [("Thaksin", "tuyên bố", "inform")]),
        (
            "Chi nhánh Cấp nước Nhà Bè cũng cho biết nhu cầu dùng nước của người dân liên tục tăng.",
            [("Chi nhánh Cấp nước Nhà Bè", "cho biết", "inform")],
        ),
    ],
)
def test_patterns_of_the_twenty_fourth_round(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "Thế nhưng các giám thị ở đây cho biết không phát hiện thí sinh sử dụng tài liệu.",
            [("Các giám thị", "cho biết", "inform")],
        ),
        (
            "Tuy nhiên, nguồn tin TRT cho biết Khunying Sudarat sẽ là sự lựa chọn thứ ba.",
            [("Nguồn tin TRT", "cho biết", "inform")],
        ),
        (
            "Theo nguồn tin riêng, học sinh này đã không có thẻ dự thi vì lý do chưa rõ.",
            [("Nguồn tin riêng", "Theo", "inform")],
        ),
        (  # "Người này": the person the sentence before was about, named in Latin script without a title
            "Tổng thống Mỹ George W. Bush cũng lên án những phản ứng bạo lực.\n"
            "Tại Afghanistan, Mullah Dadullah, một thủ lĩnh của Taliban, đã treo giải thưởng 100 kg vàng.\n"
            "Người này cũng cho biết hơn 100 người đã đăng ký làm người đánh bom tự sát.",
            [("George W. Bush", "lên án", "oppose"), ("Mullah Dadullah", "cho biết", "inform")],
        ),
        (  # "ông này": the man last named, after a title too
            "Trước nguy cơ mất mặt, ông Yushchenko đã đồng ý liên kết với bà Tymoshenko.\n"
            "Trong khi đó, kết quả đánh dấu sự trở lại của Thủ tướng Viktor Yanukovich và ông này đã tuyên bố chiến "
            "thắng mặc dù chưa có kết quả chính thức.",
            [("Yushchenko", "đồng ý", "agree"), ("Viktor Yanukovich", "tuyên bố", "inform")],
        ),
    ],
)
def test_speakers_of_the_twenty_fourth_round(body, expected):
    assert triples(extract(body)) == sorted(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # a name, then a description holding a medium's name and an aside, after a quotation
            '"Islamabad muốn kết thúc vụ việc này", Najam Sethi, biên tập viên tờ The Daily Times (Lahore), nhận định.',
            [("Najam Sethi", "nhận định", "assert")],
        ),
        (  # "Theo" a person, then a description of him: not the body the description names
            "Theo Alberto R. Gonzales, luật sư Nhà Trắng, tổng thống sẽ là người ra quyết định cuối cùng.",
            [("Alberto R. Gonzales", "Theo", "inform")],
        ),
        (  # "Theo" a noun, a name and "của" a country: the person, not the country
            "Theo nhà lập pháp Hanan Ashrawi của Palestine, hiện chưa có nhân vật nào tương xứng tầm Arafat.",
            [("Hanan Ashrawi", "Theo", "inform")],
        ),
        (  # a bare title: the person named after the title and the body's name, not the body cut short
            "Chiều nay, Bộ trưởng Bộ Y tế Nguyễn Quốc Triệu giải trình trước Quốc hội.\n"
            "Bộ trưởng thừa nhận việc quản lý thuốc còn nhiều vấn đề.",
            [("Nguyễn Quốc Triệu", "thừa nhận", "assert")],
        ),
        (  # ... and a family name that is also a body's noun ("Đoàn") is still a name
            "Đại diện VKS hỏi Đoàn Viết Huyên về số xe đã qua kiểm định.\nHuyên đáp: Tổng cộng 45 đầu xe.",
            [("Đoàn Viết Huyên", "đáp", "inform")],
        ),
        (  # "Nhân dân" inside a body's name is no newspaper: "Bài báo" is not it
            "Xe tăng của Quân đội Nhân dân VN tiến vào trung tâm thành phố.\n"
            "Bài báo viết: “30 năm trước, tôi có mặt tại cổng Dinh Độc Lập”.",
            [("Bài báo", "viết", "inform")],
        ),
        (  # "những người này": the group that spoke before
            "Các chuyên gia cho biết nguyên nhân vụ tai nạn có thể là do tốc độ quá cao.\n"
            "Tuy nhiên, những người này cũng cho biết, họ không biết chính xác tốc độ của tàu.",
            [("Các chuyên gia", "cho biết", "inform"), ("Các chuyên gia", "cho biết", "inform")],
        ),
        ("Tiếp viên Thủy cho biết: Thu nhập chủ yếu của tụi em là đi khách.", [("Thủy", "cho biết", "inform")]),
        (
            "Ngày 25/4, giáo chủ Khamenei còn cho biết Iran sẵn sàng chuyển giao công nghệ hạt nhân.",
            [("Khamenei", "cho biết", "inform")],
        ),
        (
            "Đặc phái viên của Palestine tại Pháp Leila Shahid sớm nay thông báo, sức khỏe ông Arafat suy giảm.",
            [("Leila Shahid", "thông báo", "inform")],
        ),
        # a headline ending with a title and a body cut short: nothing said, and no failure
        ("Phát biểu của Bộ trưởng Bộ Y", []),
    ],
)
def test_speakers_of_the_twenty_fifth_round(body, expected):
    assert triples(extract(body)) == sorted(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # "X là <name>": the person named
            "Cố vấn tài chính của ông Arafat là Mohammed Rashid cho biết, nhà lãnh đạo sẵn sàng hợp tác với Mỹ.",
            [("Mohammed Rashid", "cho biết", "inform")],
        ),
        (  # ... not a name in a clause joined by "và" before the speaker
            "Trả lời về sự vắng mặt của Kurniawan Yulianto, và đặc biệt là Bambang, ông Peter Withe nói: "
            '"Yulianto chiều thứ hai mới sang Việt Nam."',
            [("Peter Withe", "nói", "inform")],
        ),
        # answers to come are no answer; a reason ("vì nghĩ rằng") is no view stated
        ("Ngoài ra, Sở Tài chính sẽ trả lời 2 nội dung chất vấn của các đại biểu.", []),
        (
            "Khan khẳng định ông làm vậy không phải vì tiền, mà vì nghĩ rằng điều đó có lợi cho các nước Hồi giáo.",
            [("Khan", "khẳng định", "assert")],
        ),
    ],
)
def test_speakers_of_the_twenty_sixth_round(body, expected):
    assert triples(extract(body)) == sorted(expected)


def test_vi_and_a_noun_is_the_unnamed_speaker_described_with_it():
    body = (
        "Một chuyên gia về cầu đường cho biết việc sửa chữa là cần thiết.\n"
        "Riêng vị chuyên gia cho rằng nếu cần thiết thì nên làm cầu cạn."
    )
    assert triples(extract(body)) == [
        ("Một chuyên gia về cầu đường", "cho biết", "inform"),
        ("Một chuyên gia về cầu đường", "cho rằng", "assert"),
    ]


def test_vi_and_a_title_is_the_person_last_named_with_it():
    body = "Thủ tướng Anh Tony Blair hôm qua đến Basra.\nVị thủ tướng nói rằng quân đội Anh sẽ rút khỏi Iraq."
    assert triples(extract(body)) == [("Tony Blair", "nói rằng", "inform")]


@pytest.mark.parametrize(
    "sentence, expected",
    EIGHTH_ROUND_CASES
    + NINTH_ROUND_CASES
    + TENTH_ROUND_CASES
    + ELEVENTH_ROUND_CASES
    + THIRTEENTH_ROUND_CASES
    + FOURTEENTH_ROUND_CASES
    + FIFTEENTH_ROUND_CASES,
)
def test_patterns_of_the_eighth_to_fifteenth_rounds(sentence, expected):
    assert triples(one_sentence(sentence)) == sorted(expected)
