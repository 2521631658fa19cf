from senco_cli.entry import main

main()
