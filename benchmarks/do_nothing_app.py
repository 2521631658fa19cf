"""The baseline: a Typer app with one command that does nothing."""

import typer

app = typer.Typer()


@app.command()
def main() -> None:
    pass


if __name__ == "__main__":
    app()
