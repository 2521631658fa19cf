from senco_cli.cli import main

main()
