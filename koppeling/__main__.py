from koppeling.cli import main

main()
