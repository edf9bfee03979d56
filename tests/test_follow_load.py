"""tools.loadtest --follow: its arguments and its report (the run itself needs a server: it is
measured by hand, numbers in the report of docs/serving.md)."""
from tools import loadtest
from tools.follow_load import FollowReport, _rerun


def test_follow_refuses_a_count_out_of_range_and_a_url_without_its_data_folder(capsys):
    assert loadtest.main(["--follow", "0"]) == 2
    assert "--follow must be between" in capsys.readouterr().err
    assert loadtest.main(["--follow", "2", "--url", "http://127.0.0.1:1"]) == 2
    assert "--data-dir" in capsys.readouterr().err
    assert loadtest.main(["--follow", "2", "--url", "http://example.com", "--data-dir", "/tmp"]) == 2


def test_a_phone_asks_for_the_lesson_with_its_code_and_reruns_only_the_fragment():
    from streamlit.proto.BackMsg_pb2 import BackMsg
    message = BackMsg()
    message.ParseFromString(_rerun("K7HM", "hash", "fragment-1"))
    state = message.rerun_script
    assert state.query_string == "join=K7HM" and state.page_name == "Lesson"
    assert state.fragment_id == "fragment-1" and state.is_auto_rerun


def test_the_report_says_how_many_phones_followed_and_the_p95():
    text = FollowReport(30, 5, 149, 0.8, 1.9, 2.4, ["phone 3 move 2: no new stop within 20 s"]).text()
    assert "149/150" in text and "p95 1.90 s" in text and "phone 3 move 2" in text
