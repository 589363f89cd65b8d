"""The `dsuperb` command: a click group whose subcommands are imported only when run.

Each subcommand lives in `dsuperb/commands/<name>.py` as a thin wrapper over library code, so
`dsuperb --help` stays instant and never imports torch or transformers.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from . import __version__
from .errors import DsuperbError

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# The one line Ctrl-C ends with, whenever it comes: while a command starts (imports, loading a
# model) or in the middle of its work. Commands write their files whole or append as they go, so
# what was finished is kept.
INTERRUPTED = "interrupted: what was finished is saved; run the same command again to continue"

# name -> "module:attribute"; a command whose module is absent is simply not offered
COMMANDS = {
    "validate": "dsuperb.commands.validate:validate",
    "list": "dsuperb.commands.list_tasks:list_tasks",
    "info": "dsuperb.commands.info:info",
    "docs": "dsuperb.commands.docs:docs",
    "new": "dsuperb.commands.new:new",
    "stats": "dsuperb.commands.stats:stats",
    "pin": "dsuperb.commands.pin:pin",
    "pack": "dsuperb.commands.pack:pack",
    "eval": "dsuperb.commands.eval:eval_command",
    "merge": "dsuperb.commands.merge:merge",
    "score": "dsuperb.commands.score:score",
    "judge-agreement": "dsuperb.commands.judge_agreement:judge_agreement",
    "report": "dsuperb.commands.report:report",
}

SHORT_HELP = {
    "validate": "Check task cards (and with --data, their datasets).",
    "list": "List the tasks in the catalogue.",
    "info": "Show one task's card.",
    "docs": "Regenerate docs generated from the cards.",
    "new": "Scaffold a new task folder.",
    "stats": "A reviewer's summary of one instance's dataset.",
    "pin": "Pin instances to their datasets' hub commits (needs the hub).",
    "pack": "Pack clips and a metadata table into a hub-style dataset.",
    "eval": "Run a model on the benchmark.",
    "merge": "Join shard run folders into one run.",
    "score": "Score a predictions file.",
    "judge-agreement": "Agreement between two judges' scored files.",
    "report": "Tables and plots from one or more runs.",
}


class LazyGroup(click.Group):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """As click's own, but a usage mistake (unknown option, bad value) is one line too."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "dsuperb"
            click.echo(f"error: {error.format_message()} (see `{command} --help`)", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"error: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo(INTERRUPTED, err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        """Every command's user mistakes end here: one line on stderr, exit 2, no traceback."""
        try:
            return super().invoke(ctx)
        except DsuperbError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(EXIT_USAGE)
        except OSError as error:  # the file system said no where no layer expected it (disk full)
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"error: {where}{error.strerror or error}", err=True)
            ctx.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo(INTERRUPTED, err=True)
            ctx.exit(EXIT_INTERRUPTED)

    def list_commands(self, ctx):
        return [name for name, target in COMMANDS.items() if _module_exists(target)]

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None or not _module_exists(target):
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx, formatter):
        # Short help from a table, so listing commands imports none of them.
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _module_exists(target: str) -> bool:
    return importlib.util.find_spec(target.split(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dsuperb")
def main():
    """dsuperb: a benchmark for instruction-following audio-language models."""


if __name__ == "__main__":  # pragma: no cover
    main()
