app_name = "lifecycle"

urlpatterns: list = [
    # dues (views/dues.py)
    # evaluation and registration (views/evaluation.py)
    # transfers (views/transfers.py)
]
