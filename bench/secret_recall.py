"""Recall and false-positive rate of the secret scanner, per provider, on the generated sample set.

Usage: python bench/secret_recall.py [--seed N] [--speed]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.secretgen import evaluate, generate_samples  # noqa: E402


def ordinary_dart(size: int) -> str:
    """Dart source resembling an export's api_calls.dart, without secrets."""
    block = (
        "class GetUserCall {\n"
        "  static Future<ApiCallResponse> call({\n"
        "    String? userId = '',\n"
        "    int? page,\n"
        "  }) async {\n"
        "    return ApiManager.instance.makeApiCall(\n"
        "      callName: 'GetUser',\n"
        "      apiUrl: '${UsersGroup.getBaseUrl()}/users/${userId}',\n"
        "      callType: ApiCallType.GET,\n"
        "      headers: {\n"
        "        'Authorization': 'Bearer ${token}',\n"
        "        'Content-Type': 'application/json',\n"
        "      },\n"
        "      params: {'page': page},\n"
        "      returnBody: true,\n"
        "      encodeBodyUtf8: false,\n"
        "      decodeUtf8: false,\n"
        "      cache: false,\n"
        "      isStreamingApi: false,\n"
        "      alwaysAllowBody: false,\n"
        "    );\n"
        "  }\n\n"
        "  static String? userName(dynamic response) => castToType<String>(getJsonField(\n"
        "        response,\n"
        "        r'''$.data.name''',\n"
        "      ));\n"
        "}\n\n"
    )
    return (block * (size // len(block) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--speed", action="store_true", help="also measure scan speed on ordinary Dart source")
    args = parser.parse_args()
    tallies, _ = evaluate(generate_samples(args.seed))
    print(f"{'provider':32} {'pos':>5} {'recall':>7} {'near':>5} {'FP':>4}")
    total_pos = total_hit = total_near = total_fp = 0
    for provider, t in sorted(tallies.items()):
        recall = f"{t.detected / t.positives:.1%}" if t.positives else "-"
        print(f"{provider:32} {t.positives:5} {recall:>7} {t.near_misses:5} {t.false_positives:4}")
        total_pos += t.positives
        total_hit += t.detected
        total_near += t.near_misses
        total_fp += t.false_positives
    print(
        f"{'TOTAL':32} {total_pos:5} {total_hit / total_pos:7.1%} {total_near:5} {total_fp:4}"
        f"   (false-positive rate {total_fp / total_near:.2%})"
    )
    if args.speed:
        from linter.secrets import scan_text

        text = ordinary_dart(8_000_000)
        scan_text(text[:1000])  # load and compile the catalog outside the timing
        started = time.perf_counter()
        found = scan_text(text)
        elapsed = time.perf_counter() - started
        rate = len(text) / elapsed / 1e6
        print(f"scan speed: {rate:.1f} MB/s on {len(text) / 1e6:.0f} MB of Dart ({len(found)} matches)")


if __name__ == "__main__":
    main()
