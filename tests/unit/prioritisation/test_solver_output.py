"""The MILP solver writes nothing on stdout or stderr, and never moves anyone else's output:
a selection solved in one thread while another thread prints leaves every printed line on
stdout, in order. Run in a fresh interpreter, where HiGHS would print its banner once."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import os, random, threading
    from cpmo.prioritisation import Candidate, select_portfolio

    rng = random.Random(3)
    def costs():
        return {2021: rng.randint(1, 90), 2022: rng.randint(1, 90)}

    candidates = [Candidate(f"c{i}", rng.randint(1, 100), costs()) for i in range(60)]
    budgets = {2021: 900, 2022: 900}
    solves = []

    def solve():
        for _ in range(15):
            solves.append(select_portfolio(candidates, budgets).status)

    solver = threading.Thread(target=solve)
    solver.start()
    printed = 0
    while solver.is_alive() or printed < 50:
        os.write(1, f"line {printed}\\n".encode())  # straight to file descriptor 1
        printed += 1
    solver.join()
    print(f"done {printed} {len(solves)} {sorted(set(solves))}", flush=True)
    """
)


def test_a_solve_in_one_thread_leaves_another_threads_output_on_stdout() -> None:
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, check=True
    )
    lines = run.stdout.splitlines()
    done = lines[-1].split(" ", 3)
    assert done[0] == "done" and done[2] == "15" and done[3] == "['optimal']"
    assert lines[:-1] == [f"line {i}" for i in range(int(done[1]))]
    assert "HiGHS" not in run.stdout and "HiGHS" not in run.stderr
    assert run.stderr == ""
