"""Data parallel on one node: `accelerate launch -m dsuperb eval ...` runs one process per GPU.

Each process takes its share of the samples by rank, the way `--shard` splits a run (rank r of n
runs shard r+1/n into its own shard folder, on its own GPU), so a killed process resumes its share
with the same command. When every share is done, the main process joins them into the one run
folder a single process would have written, the same as `dsuperb merge`. Without a distributed
launch (no WORLD_SIZE above 1 in the environment) this is a plain `Runner` run.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from .errors import StoreError, UsageError
from .runfolder.layout import RunFolder
from .runfolder.merge import merge_runs
from .runfolder.records import read_checked, read_results
from .runner import EvalConfig, Runner, RunOutcome
from .runplan import model_id, run_folder

# how long a finished process waits at the barrier for the slowest share (shares are uneven)
BARRIER_TIMEOUT = timedelta(days=7)


def world_size() -> int:
    """Processes in this launch (torchrun and `accelerate launch` set WORLD_SIZE); 1 when alone."""
    try:
        return max(1, int(os.environ.get("WORLD_SIZE", "1")))
    except ValueError:
        return 1


@dataclasses.dataclass
class Launch:
    rank: int
    size: int
    wait_for_everyone: Callable[[], None]

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def join_launch() -> Launch:
    """This process's place in the launch, through accelerate (which also puts it on its own GPU;
    without CUDA the processes talk over gloo on the CPU, as the tests do)."""
    import torch
    from accelerate import PartialState

    state = PartialState(cpu=not torch.cuda.is_available(), timeout=BARRIER_TIMEOUT)
    return Launch(state.process_index, state.num_processes, state.wait_for_everyone)


def run_eval(config: EvalConfig, say: Callable[[str], None] | None = None) -> tuple[RunOutcome, bool]:
    """Run `dsuperb eval` alone or as one process of a launch: (the outcome to show, whether this
    process is the one that shows it)."""
    if world_size() == 1:
        return Runner(config, say=say).run(), True
    if config.shard is not None:
        raise UsageError("--shard with several processes: give each machine its own --shard i/n and run "
                         "one process there, or split the run into n x processes shards")
    launch = join_launch()
    share = dataclasses.replace(config, shard=(launch.rank + 1, launch.size),
                                progress=config.progress and launch.is_main)
    runner = Runner(share, say=_ranked(say, launch))
    outcome = runner.run()
    launch.wait_for_everyone()
    if not launch.is_main:
        return outcome, False
    return merge_shares(config, model_id(runner.card["model"], config.model), launch.size, outcome, say), True


def merge_shares(config: EvalConfig, model: str, count: int, mine: RunOutcome,
                 say: Callable[[str], None] | None) -> RunOutcome:
    """Join the shares into OUTPUT_DIR/<model>; a share not finished leaves the join for the next run."""
    shards = [run_folder(config, model, (index, count)).path for index in range(1, count + 1)]
    unfinished = [str(shard) for shard in shards if not _complete(shard)]
    if unfinished:
        (say or _stderr)(f"not joined: share(s) not finished: {', '.join(unfinished)}; run the same command "
                         "again to finish them")
        return RunOutcome(mine.run_dir, mine.results, interrupted=True)
    target = run_folder(config, model, None).path
    results = merge_runs(target, shards, overwrite=config.overwrite or _joined_from(target, shards))
    return RunOutcome(target, results)


def _complete(shard: Path) -> bool:
    results = RunFolder(shard).results
    try:
        return results.exists() and read_results(results).complete
    except StoreError:
        return False


def _joined_from(target: Path, shards: list[Path]) -> bool:
    """Whether `target` holds an earlier join of these very shares (then joining again replaces it);
    any other run there is kept, and merge refuses to write over it."""
    card = RunFolder(target).card
    if not card.exists():
        return False
    try:
        merged_from = read_checked(card, "run_card").get("merged_from") or []
    except StoreError:
        return False
    return [Path(p).resolve() for p in merged_from] == [shard.resolve() for shard in shards]


def _ranked(say: Callable[[str], None] | None, launch: Launch) -> Callable[[str], None]:
    """Messages of each process, marked with which one it is."""
    def tell(message: str) -> None:
        (say or _stderr)(f"[process {launch.rank + 1}/{launch.size}] {message}")

    return tell


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
